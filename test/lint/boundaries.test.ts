import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

async function restricted(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${filePath}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
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
