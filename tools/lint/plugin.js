// @ts-check
/**
 * SoHoa Station's own lint rules (docs/architecture.md, "Lint rules"). The data they check
 * against (the room matrix, the package allowlists) lives in eslint.config.js; these rules
 * only resolve each import and look it up:
 * - sohoa/no-dev-tools: nothing under electron/ imports tools/ (dev-time only, never packaged);
 * - sohoa/engine-rooms: an engine room (electron/engine/<room>/) imports only the rooms its
 *   row of the matrix allows;
 * - sohoa/allowed-packages: a folder imports only the packages on its allowlist, and relative
 *   paths only inside the folders it may reach.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ENGINE = path.join(ROOT, 'electron', 'engine');
const TOOLS = path.join(ROOT, 'tools');
const DOC = 'docs/architecture.md';
const BUILTINS = new Set(builtinModules);

/** The engine's root files, by name without extension: not rooms. */
const ROOT_FILES = new Set(['index', 'schema', 'context', 'worker-spawn', 'worker-client']);

/**
 * Calls check(node, specifier) for every static import, re-export, dynamic import and
 * require() whose specifier is a string literal.
 * @param {(node: import('estree').Node, spec: string) => void} check
 * @returns {import('eslint').Rule.RuleListener}
 */
function eachImport(check) {
  /** @param {import('estree').Node} node @param {unknown} source */
  const visit = (node, source) => {
    const s = /** @type {{ type?: string, value?: unknown } | null | undefined} */ (source);
    if (s && s.type === 'Literal' && typeof s.value === 'string') check(node, s.value);
  };
  return {
    ImportDeclaration: (n) => visit(n, n.source),
    ExportNamedDeclaration: (n) => visit(n, n.source),
    ExportAllDeclaration: (n) => visit(n, n.source),
    ImportExpression: (n) => visit(n, n.source),
    CallExpression: (n) => {
      if (n.callee.type === 'Identifier' && n.callee.name === 'require') visit(n, n.arguments[0]);
    },
  };
}

const isRelative = (spec) => spec === '.' || spec === '..' || spec.startsWith('./') || spec.startsWith('../');
const inside = (dir, p) => p === dir || p.startsWith(dir + path.sep);
/** @param {string} p */
const repoPath = (p) => path.relative(ROOT, p).split(path.sep).join('/');

/**
 * Where a path lies in the engine: `{ room }` for electron/engine/<room>/…, `{ file }` for
 * one of its root files (index.ts, schema.ts, context.ts, worker-spawn.ts), null outside.
 * @param {string} p an absolute path, with or without extension
 * @param {boolean} isFile whether p names a source file (so a lone segment is a root file)
 * @returns {{ room: string } | { file: string } | null}
 */
function engineSpot(p, isFile) {
  if (!inside(ENGINE, p)) return null;
  const parts = path.relative(ENGINE, p).split(path.sep).filter(Boolean);
  if (parts.length === 0) return { file: 'index' }; // '..' from a room: the engine's index.ts
  const first = /** @type {string} */ (parts[0]);
  const bare = first.replace(/\.[cm]?[jt]sx?$/, '');
  if (parts.length === 1 && (isFile || ROOT_FILES.has(bare))) return { file: bare };
  return { room: first };
}

/** @type {import('eslint').Rule.RuleModule} */
const noDevTools = {
  meta: {
    type: 'problem',
    docs: { description: 'Nothing under electron/ imports tools/ (dev-time only, never packaged).' },
    schema: [],
  },
  create(context) {
    const dir = path.dirname(context.filename);
    return eachImport((node, spec) => {
      if (!isRelative(spec) || !inside(TOOLS, path.resolve(dir, spec))) return;
      context.report({
        node,
        message: `sohoa/no-dev-tools: electron/ must not import tools/ ('${spec}'): tools/ holds build scripts, simulators and benchmarks that are not packaged; what the app needs at run time lives under electron/ (${DOC}).`,
      });
    });
  },
};

/**
 * @typedef {{ kind: 'base' | 'entry' | 'feature', imports: string[] }} RoomRow
 * @typedef {{ rooms: Record<string, RoomRow>, rootFiles: Record<string, string[]>, pending?: Record<string, string[]> }} RoomOptions
 */

/** @type {import('eslint').Rule.RuleModule} */
const engineRooms = {
  meta: {
    type: 'problem',
    docs: { description: 'An engine room imports only the rooms its row of the room matrix allows.' },
    schema: [
      {
        type: 'object',
        properties: { rooms: { type: 'object' }, rootFiles: { type: 'object' }, pending: { type: 'object' } },
      },
    ],
  },
  create(context) {
    const { rooms, rootFiles, pending = {} } = /** @type {RoomOptions} */ (context.options[0]);
    const here = engineSpot(context.filename, true);
    if (!here || !('room' in here)) return {}; // the engine's root files may import any room
    const from = here.room;
    const row = rooms[from];
    const dir = path.dirname(context.filename);
    const allowed = (row?.imports ?? []).join(', ') || 'base rooms only';
    /** Rooms this file may still import while a move is under way, and which of them it still does. */
    const waiver = pending[repoPath(context.filename)] ?? [];
    const used = new Set();
    const listener = eachImport((node, spec) => {
      if (!isRelative(spec)) return;
      const there = engineSpot(path.resolve(dir, spec), false);
      if (!there) return;
      const report = (/** @type {string} */ why) =>
        context.report({ node, message: `sohoa/engine-rooms: ${why} (room matrix, ${DOC}).` });
      if (!row)
        return report(
          `electron/engine/${from}/ is not in the room matrix; give it a row in ROOMS (eslint.config.js) before it imports '${spec}'`,
        );
      if ('file' in there) {
        const may = rootFiles[there.file];
        if (may && (may.includes('*') || may.includes(from))) return;
        return report(
          `'${from}' must not import the engine's ${there.file}.ts: it wires the rooms together, so importing it from a room makes a cycle`,
        );
      }
      const to = there.room;
      if (to === from || row.imports.includes(to)) return;
      if (waiver.includes(to)) return void used.add(to);
      const target = rooms[to];
      if (!target)
        return report(`'${from}' imports '${spec}', but electron/engine/${to}/ is not in the room matrix`);
      if (target.kind === 'entry')
        return report(
          `'${from}' must not import '${to}': it starts or connects a whole engine, nothing imports it`,
        );
      if (target.kind === 'base') {
        if (row.kind === 'feature') return; // every feature room may import the base rooms
        return report(`'${from}' is a base room and may import only ${allowed}, not '${to}'`);
      }
      if (row.kind !== 'feature')
        return report(`'${from}' is a base room and must not import the feature room '${to}' ('${spec}')`);
      return report(`'${from}' must not import '${to}' ('${spec}'); its row allows ${allowed}`);
    });
    return {
      ...listener,
      'Program:exit': (node) => {
        for (const to of waiver)
          if (!used.has(to))
            context.report({
              node,
              message: `sohoa/engine-rooms: this file no longer imports '${to}': remove it from PENDING_MOVES in eslint.config.js (room matrix, ${DOC}).`,
            });
      },
    };
  },
};

/**
 * @typedef {{ label: string, packages: string[], within: string[] }} PackageOptions
 */

/** @type {import('eslint').Rule.RuleModule} */
const allowedPackages = {
  meta: {
    type: 'problem',
    docs: { description: 'A folder imports only the packages on its allowlist.' },
    schema: [
      {
        type: 'object',
        properties: {
          label: { type: 'string' },
          packages: { type: 'array', items: { type: 'string' } },
          within: { type: 'array', items: { type: 'string' } },
        },
      },
    ],
  },
  create(context) {
    const { label, packages, within } = /** @type {PackageOptions} */ (context.options[0]);
    const dir = path.dirname(context.filename);
    const dirs = within.map((d) => path.join(ROOT, d));
    return eachImport((node, spec) => {
      if (isRelative(spec)) {
        const target = path.resolve(dir, spec);
        if (dirs.some((d) => inside(d, target))) return;
        return context.report({
          node,
          message: `sohoa/allowed-packages: ${label} may import relative paths only inside ${within.join('/, ')}/, not '${repoPath(target)}' (${DOC}).`,
        });
      }
      if (spec.startsWith('node:') || BUILTINS.has(spec.split('/')[0] ?? '')) return; // the process boundaries' rule
      const parts = spec.split('/');
      const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
      if (name && packages.includes(name)) return;
      context.report({
        node,
        message: `sohoa/allowed-packages: ${label} may import only ${packages.join(', ')}; '${name}' is not on its allowlist (eslint.config.js, ${DOC}).`,
      });
    });
  },
};

/** The plugin, registered as `sohoa` in eslint.config.js. */
export default {
  meta: { name: 'sohoa' },
  rules: {
    'no-dev-tools': noDevTools,
    'engine-rooms': engineRooms,
    'allowed-packages': allowedPackages,
  },
};
