import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/summary-reporter.ts'],
    // Data keys of the tests' stations go to a scratch folder, not the runner's ~/.config.
    env: { SOHOA_KEY_DIR: path.join(os.tmpdir(), 'sohoa-test-keys') },
  },
});
