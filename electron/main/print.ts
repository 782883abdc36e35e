/**
 * 'station:open-pdf': the renderer hands main a PDF (a receipt, a dossier file) and main
 * opens it in the system's PDF viewer, where the clerk prints it.
 *
 * Why not print from Electron: `webContents.print()` on a window showing a PDF in
 * Chromium's built-in viewer printed blank pages for years
 * (https://github.com/electron/electron/issues/30947, fixed only in Electron 30–32 by
 * https://github.com/electron/electron/pull/43309), and silent printing gives the clerk
 * no say over printer, copies or paper. The system viewer is what counters already print
 * receipts from, and `shell.openPath` resolves with an error text instead of throwing.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { app, shell } from 'electron';
import { handleTrusted } from './ipc';
import { parseOpenPdfArgs } from './pdf-file';

export const OPEN_PDF_CHANNEL = 'station:open-pdf';

let runDir: string | null = null;
let opened = 0;

/** One folder per run under the system temp folder, removed on quit (best effort: a viewer may hold a file). */
function folder(): string {
  if (!runDir) {
    runDir = mkdtempSync(path.join(app.getPath('temp'), 'sohoa-in-'));
    const dir = runDir;
    app.once('will-quit', () => rmSync(dir, { recursive: true, force: true, maxRetries: 2 }));
  }
  return runDir;
}

/** Writes the file whole or not at all: a temp name in the same folder, then a rename. */
function writeAtomically(file: string, bytes: Uint8Array): void {
  const part = `${file}.${randomUUID()}.part`;
  try {
    writeFileSync(part, bytes, { flag: 'wx' });
    renameSync(part, file);
  } catch (err) {
    rmSync(part, { force: true });
    throw err;
  }
}

export function registerOpenPdf(): void {
  handleTrusted(OPEN_PDF_CHANNEL, async (_event, ...args) => {
    const { fileName, bytes } = parseOpenPdfArgs(args);
    // A subfolder per opening keeps the clean name in the viewer's title and never
    // overwrites a file the viewer still holds open (Windows refuses that).
    const dir = path.join(folder(), String(++opened));
    mkdirSync(dir);
    const file = path.join(dir, fileName);
    writeAtomically(file, bytes);
    const problem = await shell.openPath(file);
    if (problem) throw new Error(`no viewer opened ${fileName}: ${problem}`);
  });
}
