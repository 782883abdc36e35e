// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The process boundaries of DESIGN.md, enforced here rather than hoped for:
 * - only electron/main and electron/preload import 'electron';
 * - renderer/ and shared/ import no Node built-ins (they run in a sandboxed renderer);
 * - the renderer never imports the engine (it goes through the shared/api contract);
 * - shared/ imports neither the renderer nor anything under electron/;
 * - the Electron main process does not import the engine (the engine runs in its own utilityProcess).
 */
const NODE_BUILTINS = builtinModules.filter((m) => !m.startsWith('_')).flatMap((m) => [m, `node:${m}`]);

/** @param {{ electron?: boolean, node?: boolean, engine?: boolean, renderer?: boolean, electronDir?: boolean }} forbid */
function boundary(forbid) {
  const paths = [];
  const patterns = [];
  if (forbid.electron)
    paths.push({
      name: 'electron',
      message: 'Only electron/main and electron/preload may import electron (DESIGN.md).',
    });
  if (forbid.node) {
    for (const name of NODE_BUILTINS)
      paths.push({ name, message: 'renderer/ and shared/ run in a sandboxed renderer: no Node built-ins.' });
  }
  if (forbid.engine)
    patterns.push({
      group: ['**/electron/engine', '**/electron/engine/**', '../engine', '../engine/**'],
      message: 'Go through the shared/api contract, never the engine directly.',
    });
  if (forbid.electronDir)
    patterns.push({
      group: ['**/electron/**', '../electron', '../../electron'],
      message: 'shared/ and renderer/ must not import from electron/.',
    });
  if (forbid.renderer)
    patterns.push({ group: ['**/renderer/**'], message: 'shared/ must not import the renderer.' });
  return { 'no-restricted-imports': ['error', { paths, patterns }] };
}

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['electron/engine/**', 'electron/cli/**', 'electron/web/**'],
    rules: boundary({ electron: true }),
  },
  { files: ['electron/main/**'], rules: boundary({ engine: true }) },
  {
    files: ['shared/**'],
    rules: boundary({ electron: true, node: true, electronDir: true, renderer: true }),
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...boundary({ electron: true, node: true, engine: true, electronDir: true }),
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
);
