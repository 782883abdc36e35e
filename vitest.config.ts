import os from 'node:os';
import path from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Tests that drive outside programs or hardware stand-ins: Chromium (e2e), the CLI as a
 * child process, SANE and eSCL (scan), SoftHSM2 and a time-stamping authority (sign).
 * Everything else is "unit" (`npm run test:unit`): the engine's rooms in process.
 */
const INTEGRATION = [
  'test/e2e/**/*.test.ts',
  'test/cli/**/*.test.ts',
  'test/scan/**/*.test.ts',
  'test/sign/**/*.test.ts',
];

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/summary-reporter.ts'],
    // Data keys of the tests' stations go to a scratch folder, not the runner's ~/.config.
    env: { SOHOA_KEY_DIR: path.join(os.tmpdir(), 'sohoa-test-keys') },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...INTEGRATION],
        },
      },
      // A browser, a CLI child or a token worker on 2 cores: web mode alone may take up to 90 s to start.
      { extends: true, test: { name: 'integration', include: INTEGRATION, testTimeout: 180_000 } },
    ],
  },
});
