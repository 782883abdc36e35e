// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import sohoa from './tools/lint/plugin.js';

/**
 * The process boundaries of docs/architecture.md, enforced here rather than hoped for:
 * - only electron/main and electron/preload import 'electron';
 * - renderer/ and shared/ import no Node built-ins (they run in a sandboxed renderer);
 * - the renderer never imports the engine (it goes through the shared/api contract);
 * - shared/ imports neither the renderer nor anything under electron/;
 * - the Electron main process does not import the engine (the engine runs in its own utilityProcess);
 * - nothing under electron/ imports tools/ (sohoa/no-dev-tools);
 * - each engine room imports only what its row of the room matrix allows (sohoa/engine-rooms, ROOMS);
 * - shared/ and renderer/src/ import only the packages on their allowlists (sohoa/allowed-packages).
 * The sohoa/* rules are in tools/lint/plugin.js; the data they check is here.
 */
const NODE_BUILTINS = builtinModules.filter((m) => !m.startsWith('_')).flatMap((m) => [m, `node:${m}`]);

/** @param {{ electron?: boolean, node?: boolean, engine?: boolean, renderer?: boolean, electronDir?: boolean }} forbid */
function boundary(forbid) {
  const paths = [];
  const patterns = [];
  if (forbid.electron)
    paths.push({
      name: 'electron',
      message: 'Only electron/main and electron/preload may import electron (docs/architecture.md).',
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

/** A base room: imports only the base rooms listed (never a feature room). */
const base = (/** @type {string[]} */ ...imports) => ({ kind: /** @type {const} */ ('base'), imports });
/** A base room that starts or connects a whole engine: it may import the engine's index.ts; nothing imports it. */
const entry = (/** @type {string[]} */ ...imports) => ({ kind: /** @type {const} */ ('entry'), imports });
/** A feature room: imports every base room (entries aside) and the feature rooms listed. */
const feature = (/** @type {string[]} */ ...imports) => ({ kind: /** @type {const} */ ('feature'), imports });

/**
 * The room matrix of docs/architecture.md: which engine rooms (electron/engine/<room>/)
 * each room may import (sohoa/engine-rooms, tools/lint/plugin.js). Every room may import
 * shared/; dependencies follow the dossier's way through the station, so there are no
 * cycles. A folder not listed here is refused until it gets a row.
 */
const ROOMS = {
  // ── Base rooms: they import no feature room. ──
  // SQLite, migrations, blobs, the data key: everything stands on it.
  store: base(),
  // Settings are rows of the store.
  settings: base('store'),
  // The hash-chained audit trail is a store table, keyed by the data key.
  audit: base('store'),
  // Dispatch only: validates the envelope, runs the handler it is given, audits and logs the call. It knows no room's code.
  api: base('store', 'audit', 'log'),
  // The technical log (pino, one file a day in <data>/logs) and the support export: nothing upstream.
  log: base(),
  // The tesseract pool: stateless workers.
  ocr: base(),
  // PDF/A writing and the raster worker; blobs come from the store.
  pdf: base('store'),
  // The in-process transport connects a client to an Engine (its type from index.ts).
  transport: entry(),
  // The utilityProcess entry: starts the engine (index.ts) and answers through the dispatcher.
  host: entry('api'),
  // ── Feature rooms: each may also import every base room above but host and transport. ──
  // The procedure catalogue is reference data: nothing upstream.
  catalog: feature(),
  // A dossier is made for a procedure of the catalogue.
  dossier: feature('catalog'),
  // Cleanup and OCR of a dossier's pages, per its procedure's components.
  imaging: feature('dossier', 'catalog'),
  // Component PDFs from the dossier's cleaned, OCR'd pages.
  documents: feature('dossier', 'imaging', 'catalog'),
  // A scan delivers pages into a dossier, then hands them to imaging.
  scan: feature('dossier', 'imaging'),
  // Receiving checks completeness against the catalogue and the documents.
  reception: feature('dossier', 'catalog', 'documents'),
  // Signs the documents' PDFs of a dossier.
  sign: feature('documents', 'dossier'),
  // The portal request is built from the dossier, its reception and its procedure.
  portal: feature('dossier', 'reception', 'catalog'),
  // Sends the frozen (signed) documents through the portal; results verified by sign.
  outbox: feature('portal', 'documents', 'dossier', 'sign', 'catalog'),
  // Fees are requested through the portal and tracked beside the outbox's items.
  payment: feature('portal', 'dossier', 'catalog', 'outbox'),
  // A batch import goes through the same rooms as the counter, up to the outbox.
  batch: feature('dossier', 'reception', 'catalog', 'documents', 'outbox', 'imaging'),
  // Figures read what the rooms recorded, the outbox's, payments' and ratings' included.
  reports: feature('dossier', 'catalog', 'reception', 'outbox', 'payment', 'feedback'),
  // The built-in portal speaks the portal's protocol and signs its results as an agency would (sign's PAdES code).
  training: feature('portal', 'sign'),
  // app.info tells whether a portal is configured (training mode).
  app: feature('settings'),
  // Logins and roles: only the base.
  accounts: feature(),
  // Deleting personal data reaches every room that keeps it (a rating's free-text comment too).
  privacy: feature('dossier', 'reception', 'documents', 'outbox', 'accounts', 'feedback'),
  // The citizen's rating of a received dossier, named with its procedure.
  feedback: feature('dossier', 'catalog'),
  // The citizen screen shows what reception, payment and the outbox know of the dossier on the counter, and takes the rating.
  citizen: feature('dossier', 'catalog', 'reception', 'payment', 'feedback', 'outbox'),
  // The post-office counter receives through reception on an agency's behalf and follows the outbox's trail.
  agency: feature('dossier', 'catalog', 'reception', 'outbox'),
  // The first-run wizard saves the unit's settings and makes the first administrator.
  setup: feature('accounts'),
};

/** Who may import the engine's root files (electron/engine/<name>.ts); the root files themselves may import any room. */
const ENGINE_ROOT_FILES = {
  // EngineContext, the hooks every handler gets: every room.
  context: ['*'],
  // Worker-thread plumbing (tsx in dev, the bundle in the app): every room.
  'worker-spawn': ['*'],
  // The request/reply client of a worker thread (the PDF renderer, the page cleanup): every room.
  'worker-client': ['*'],
  // createEngine wires every room together: only what starts or connects an engine.
  index: ['host', 'transport'],
  // Every room's migrations in order: read by index.ts only.
  schema: [],
};

/**
 * Imports the matrix refuses that stay only until a room's code has moved where it belongs
 * (file → the rooms it may still import). The rule reports an entry once it is no longer
 * needed, so this list only shrinks.
 */
const PENDING_MOVES = {
  // Empty: every room keeps to the matrix. A move under way may list a file's remaining imports here.
};

/** shared/ runs in the renderer and in the engine: zod, nothing else (no sharp, no SQLite by accident). */
const SHARED_PACKAGES = ['zod'];
/** What the renderer (renderer/src/) uses today; a new one is a deliberate choice (docs/architecture.md). */
const RENDERER_PACKAGES = [
  'react',
  'react-dom',
  'antd',
  '@ant-design/icons',
  'dayjs',
  'i18next',
  'react-i18next',
  'qrcode',
  'zod',
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { sohoa },
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
  { files: ['electron/**'], rules: { 'sohoa/no-dev-tools': 'error' } },
  {
    files: ['electron/engine/**'],
    rules: {
      'sohoa/engine-rooms': ['error', { rooms: ROOMS, rootFiles: ENGINE_ROOT_FILES, pending: PENDING_MOVES }],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      ...boundary({ electron: true, node: true, electronDir: true, renderer: true }),
      'sohoa/allowed-packages': [
        'error',
        { label: 'shared/', packages: SHARED_PACKAGES, within: ['shared'] },
      ],
    },
  },
  {
    files: ['renderer/src/**'],
    rules: {
      'sohoa/allowed-packages': [
        'error',
        { label: 'renderer/src/', packages: RENDERER_PACKAGES, within: ['renderer', 'shared'] },
      ],
    },
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
