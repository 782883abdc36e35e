import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { newStageTimes } from '../../electron/engine/imaging/stages';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { b64 } from '../helpers/images';
import { tempDir } from '../helpers/tmp';
import { cer, collapse, NOTICE, renderPage, scanLike } from './pages';

const DPI = 200;
const times = newStageTimes();
const engine = createEngine({ dataDir: tempDir('sohoa-bgosd-'), imaging: { ocrWorkers: 1, times } });
const client = connectInProcess(engine);
afterAll(() => engine.close());

const truth = collapse(NOTICE.join(' '));
const scan = async (turn: 0 | 180) =>
  scanLike(await renderPage({ dpi: DPI, lines: NOTICE }), DPI, {
    turn,
    skewDeg: 1.2,
    noise: 15,
    jpegQuality: 80,
  });

/** Adds one scanned page to the dossier on screen and waits until its text is read. */
async function addAndRead(dossierId: string, name: string, bytes: Buffer) {
  const added = await client.call('dossier.addPages', {
    dossierId,
    componentCode: 'TK',
    files: [{ name, dataBase64: b64(bytes) }],
  });
  const pageId = added.added[0]!.id;
  const deadline = Date.now() + 240_000;
  while (!(await client.call('imaging.progress', { dossierId })).complete) {
    if (Date.now() > deadline) throw new Error('OCR did not finish');
    await new Promise((r) => setTimeout(r, 200));
  }
  return client.call('imaging.page', { pageId });
}

// OCR takes seconds per page on a shared core: generous, bounded timeouts (nothing is timed).
describe('background OCR asks OSD only when a page may be turned', { timeout: 300_000 }, () => {
  it('the clerk scans an upright page and an upside-down one into the dossier on screen', async () => {
    const d = await client.call('dossier.create', {
      procedureCode: '1.001193',
      applicantName: 'Lê Thị Hoa',
    });
    await client.call('imaging.focus', { dossierId: d.id });

    // The upright page is read once, as scanned: OSD never runs for it.
    const upright = await addAndRead(d.id, 'to-khai.jpg', await scan(0));
    expect(upright.state).toBe('done');
    expect(upright.analysis!.orientation).toBe(0);
    expect(upright.ocr!.current).toBe(true);
    expect(cer(truth, collapse(upright.ocr!.text))).toBeLessThan(0.05);
    expect(times.runs.osd).toBe(0);
    expect(times.runs.ocr).toBe(1);

    // The page fed upside down reads as fragments: OSD is asked, the page is turned and read again.
    const turned = await addAndRead(d.id, 'trang-2.jpg', await scan(180));
    expect(times.runs.osd).toBe(1);
    expect(times.runs.ocr).toBe(3);
    expect(turned.analysis!.orientation).toBe(180);
    expect(turned.ocr!.current).toBe(true);
    expect(cer(truth, collapse(turned.ocr!.text))).toBeLessThan(0.05);

    // The turn is kept with the page, and both pages' text stays current: nothing is read again.
    await client.call('imaging.focus', { dossierId: d.id });
    await new Promise((r) => setTimeout(r, 500));
    expect((await client.call('imaging.progress', { dossierId: d.id })).ocred).toBe(2);
    expect((await client.call('imaging.page', { pageId: turned.pageId })).analysis!.orientation).toBe(180);
    expect(times.runs.ocr).toBe(3);
  });
});
