import { fileURLToPath } from 'node:url';
import { ESLint, RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import sohoa from '../../tools/lint/plugin.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The rules that guard imports: the process boundaries, tools/, the room matrix, the package allowlists. */
const IMPORT_RULES = new Set([
  'no-restricted-imports',
  'sohoa/no-dev-tools',
  'sohoa/engine-rooms',
  'sohoa/allowed-packages',
]);

const eslint = new ESLint({ cwd: ROOT });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${filePath}` });
  return (result?.messages ?? []).filter((m) => m.ruleId && IMPORT_RULES.has(m.ruleId)).map((m) => m.message);
}

describe('the process boundaries are enforced by the linter', () => {
  it.each([
    ['electron/engine/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['electron/cli/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['shared/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n"],
    ['shared/y.ts', "import path from 'path';\nexport const a = path;\n"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n"],
    [
      'renderer/src/y.ts',
      "import { createEngine } from '../../electron/engine';\nexport const a = createEngine;\n",
    ],
    ['renderer/src/z.ts', "import cp from 'node:child_process';\nexport const a = cp;\n"],
    ['electron/main/x.ts', "import { createEngine } from '../engine';\nexport const a = createEngine;\n"],
  ])('refuses what %s must not import', async (file, code) => {
    expect(await restricted(file, code)).not.toEqual([]);
  });

  it.each([
    ['electron/main/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['electron/preload/x.ts', "import { contextBridge } from 'electron';\nexport const a = contextBridge;\n"],
    ['electron/engine/y.ts', "import fs from 'node:fs';\nexport const a = fs;\n"],
    ['renderer/src/ok.ts', "import { calls } from '../../shared/api';\nexport const a = calls;\n"],
  ])('lets %s import what it may', async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });
});

describe('tools/ stays out of the app', () => {
  it.each([
    ['electron/engine/x.ts', "import { run } from '../../tools/bench/outbox';\nexport const a = run;\n"],
    ['electron/engine/outbox/x.ts', "export { sim } from '../../../tools/escl-sim/server';\n"],
    ['electron/cli/commands/x.ts', "export const a = () => import('../../../tools/bench/scan');\n"],
  ])('refuses tools/ from %s', async (file, code) => {
    const messages = await restricted(file, code);
    expect(messages).toEqual([expect.stringContaining('sohoa/no-dev-tools')]);
    expect(messages[0]).toContain('docs/architecture.md');
  });

  it('lets tools/ import the engine (the bench drives the training portal)', async () => {
    const code =
      "import { startSandbox } from '../../electron/engine/training';\nexport const a = startSandbox;\n";
    expect(await restricted('tools/bench/x.ts', code)).toEqual([]);
  });
});

describe('the room matrix is enforced by the linter', () => {
  it.each([
    // Base rooms import no feature room.
    [
      'electron/engine/store/x.ts',
      "import { DossierService } from '../dossier/service';\nexport const a = DossierService;\n",
    ],
    [
      'electron/engine/settings/x.ts',
      "import { DossierService } from '../dossier/service';\nexport const a = DossierService;\n",
    ],
    [
      'electron/engine/api/x.ts',
      "import { createOutboxRoom } from '../outbox';\nexport const a = createOutboxRoom;\n",
    ],
    ['electron/engine/pdf/x.ts', "import type { Catalog } from '../catalog';\nexport type A = Catalog;\n"],
    // A base room imports only the base rooms of its row.
    ['electron/engine/store/x.ts', "import { Settings } from '../settings';\nexport const a = Settings;\n"],
    // A feature room imports only the feature rooms of its row (the dossier's way goes one way).
    [
      'electron/engine/catalog/x.ts',
      "import { DossierService } from '../dossier/service';\nexport const a = DossierService;\n",
    ],
    [
      'electron/engine/dossier/x.ts',
      "import { createOutboxRoom } from '../outbox';\nexport const a = createOutboxRoom;\n",
    ],
    [
      'electron/engine/training/x.ts',
      "import { createOutboxRoom } from '../outbox';\nexport const a = createOutboxRoom;\n",
    ],
    [
      'electron/engine/scan/import/x.ts',
      "import { Reception } from '../../reception/service';\nexport const a = Reception;\n",
    ],
    // Nothing imports what starts or connects a whole engine.
    ['electron/engine/outbox/x.ts', "import { createEngine } from '..';\nexport const a = createEngine;\n"],
    [
      'electron/engine/reports/x.ts',
      "import { connectInProcess } from '../transport/in-process';\nexport const a = connectInProcess;\n",
    ],
    [
      'electron/engine/dossier/x.ts',
      "import { ALL_MIGRATIONS } from '../schema';\nexport const a = ALL_MIGRATIONS;\n",
    ],
    // A folder with no row is refused until it gets one.
    ['electron/engine/nowhere/x.ts', "import { openStore } from '../store';\nexport const a = openStore;\n"],
  ])('refuses what %s must not import', async (file, code) => {
    const messages = await restricted(file, code);
    expect(messages).toEqual([expect.stringContaining('sohoa/engine-rooms')]);
    expect(messages[0]).toContain('docs/architecture.md');
  });

  it.each([
    ['electron/engine/settings/x.ts', "import { openStore } from '../store';\nexport const a = openStore;\n"],
    [
      'electron/engine/outbox/x.ts',
      "import { HttpPortal } from '../portal/http';\nexport const a = HttpPortal;\n",
    ],
    // The rule holds for rooms that do not exist yet in this tree.
    [
      'electron/engine/reports/x.ts',
      "import { createOutboxRoom } from '../outbox';\nexport const a = createOutboxRoom;\n",
    ],
    [
      'electron/engine/privacy/x.ts',
      "import type { Accounts } from '../accounts';\nexport type A = Accounts;\n",
    ],
    // Every feature room may import the base rooms and the engine's context.
    ['electron/engine/catalog/x.ts', "import { AuditLog } from '../audit';\nexport const a = AuditLog;\n"],
    [
      'electron/engine/dossier/x.ts',
      "import type { EngineContext } from '../context';\nexport type A = EngineContext;\n",
    ],
    [
      'electron/engine/scan/import/x.ts',
      "import { ingestImage } from '../../imaging/ingest';\nexport const a = ingestImage;\n",
    ],
    ['electron/engine/training/x.ts', "import { API } from '../portal/protocol';\nexport const a = API;\n"],
    // The hosts start the engine; the engine's root files may import any room.
    [
      'electron/engine/host/x.ts',
      "import { createEngine } from '../index';\nexport const a = createEngine;\n",
    ],
    [
      'electron/engine/x.ts',
      "import { DossierService } from './dossier/service';\nexport const a = DossierService;\n",
    ],
  ])('lets %s import what it may', async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });
});

describe('the package allowlists are enforced by the linter', () => {
  it.each([
    ['shared/x.ts', "import sharp from 'sharp';\nexport const a = sharp;\n"],
    [
      'shared/api/x.ts',
      "import { DatabaseSync } from '@photostructure/sqlite';\nexport const a = DatabaseSync;\n",
    ],
    ['shared/x.ts', "import { Button } from 'antd';\nexport const a = Button;\n"],
    ['shared/x.ts', "import { x } from '../tools/lint/x';\nexport const a = x;\n"],
    ['renderer/src/x.ts', "import sharp from 'sharp';\nexport const a = sharp;\n"],
    ['renderer/src/dossier/x.tsx', "import * as pkijs from 'pkijs';\nexport const a = pkijs;\n"],
  ])('refuses what %s must not import', async (file, code) => {
    const messages = await restricted(file, code);
    expect(messages).toEqual([expect.stringContaining('sohoa/allowed-packages')]);
    expect(messages[0]).toContain('docs/architecture.md');
  });

  it.each([
    ['shared/x.ts', "import { z } from 'zod';\nexport const a = z;\n"],
    ['shared/api/x.ts', "import { calls } from './index';\nexport const a = calls;\n"],
    ['renderer/src/x.tsx', "import { Button } from 'antd';\nexport const a = Button;\n"],
    ['renderer/src/x.ts', "import vi from 'antd/locale/vi_VN';\nexport const a = vi;\n"],
    [
      'renderer/src/x.ts',
      "import { CheckOutlined } from '@ant-design/icons';\nexport const a = CheckOutlined;\n",
    ],
    ['renderer/src/x.ts', "import { createRoot } from 'react-dom/client';\nexport const a = createRoot;\n"],
  ])('lets %s import what it may', async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });
});

describe('a pending move is a waiver that must be given back', () => {
  RuleTester.describe = describe;
  RuleTester.it = it;
  RuleTester.itOnly = it.only;
  const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
  const options = {
    rooms: {
      store: { kind: 'base', imports: [] },
      pdf: { kind: 'base', imports: ['store'] },
      imaging: { kind: 'feature', imports: [] },
    },
    rootFiles: {},
    pending: { 'electron/engine/pdf/assemble.ts': ['imaging'] },
  };
  const file = `${ROOT}electron/engine/pdf/assemble.ts`;
  tester.run('engine-rooms', sohoa.rules['engine-rooms'], {
    valid: [{ code: "import { MAX } from '../imaging/ingest';", filename: file, options: [options] }],
    invalid: [
      // The waiver is for that one file.
      {
        code: "import { MAX } from '../imaging/ingest';",
        filename: `${ROOT}electron/engine/pdf/raster.ts`,
        options: [options],
        errors: [{ message: /'pdf' is a base room and must not import the feature room 'imaging'/ }],
      },
      // Once the code has moved, the rule asks for the waiver to go.
      {
        code: "import { openStore } from '../store';",
        filename: file,
        options: [options],
        errors: [{ message: /no longer imports 'imaging': remove it from PENDING_MOVES/ }],
      },
    ],
  });
});
