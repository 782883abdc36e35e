import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { DEFAULT_CHOICES, type PageAnalysis } from '../../electron/engine/imaging/cleanup';
import { ANALYSIS_VERSION } from '../../electron/engine/imaging/pipeline';
import type { CleanupRecord } from '../../electron/engine/imaging/records';
import { reviewOf } from '../../electron/engine/imaging/review';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { LOW_OCR_CONFIDENCE } from '../../shared/api/rooms/imaging';
import { b64 } from '../helpers/images';
import { tempDir } from '../helpers/tmp';
import { directiveWords, renderPage, scanLike, wrap } from './pages';

const DPI = 120;

async function waitCleaned(client: ReturnType<typeof connectInProcess>, dossierId: string) {
  const deadline = Date.now() + 60_000;
  while (!(await client.call('imaging.progress', { dossierId })).complete) {
    if (Date.now() > deadline) throw new Error('cleanup did not finish');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('page review at a glance (imaging.review)', () => {
  it('flags the blank sheet and the page kept in colour, follows the clerk’s answers, and leaves deleted pages to the “Trang đã xóa” list that survives a restart', async () => {
    const dir = tempDir();
    // OCR off: the flags of cleanup are the story here; the reading's flags are checked below.
    let engine = createEngine({ dataDir: dir, imaging: { ocr: false } });
    let client = connectInProcess(engine);
    const lines = wrap(directiveWords(), 70).slice(0, 20);
    const text = await scanLike(await renderPage({ dpi: DPI, lines }), DPI, { noise: 10, jpegQuality: 85 });
    const sealed = await scanLike(
      await renderPage({ dpi: DPI, lines: lines.slice(0, 8), sealAndSignature: true }),
      DPI,
      { noise: 10, jpegQuality: 90 },
    );
    const empty = await scanLike(await renderPage({ dpi: DPI, lines: [] }), DPI, {
      noise: 20,
      jpegQuality: 80,
    });
    let dossierId: string;
    let ids: string[];
    try {
      const d = await client.call('dossier.create', {
        procedureCode: '1.001193',
        applicantName: 'Lê Thị Hoa',
      });
      dossierId = d.id;
      const tk = await client.call('dossier.addPages', {
        dossierId,
        componentCode: 'TK',
        files: [
          { name: 'to-khai.jpg', dataBase64: b64(text) },
          { name: 'trang-trang.jpg', dataBase64: b64(empty) },
          { name: 'co-dau.jpg', dataBase64: b64(sealed) },
        ],
      });
      ids = tk.added.map((p) => p.id);
      await client.call('dossier.addPages', {
        dossierId,
        componentCode: 'GCS',
        files: [{ name: 'giay-chung-sinh.jpg', dataBase64: b64(text) }],
      });

      // Before cleanup, every page is waiting and carries no flag.
      const early = await client.call('imaging.review', { dossierId, componentCode: 'TK' });
      expect(early.components.map((c) => c.code)).toEqual(['TK']);
      expect(early.components[0]!.pages.map((p) => p.state)).toEqual(['pending', 'pending', 'pending']);
      expect(early.components[0]!.pages.some((p) => p.blank || p.colour)).toBe(false);

      await waitCleaned(client, dossierId);
      const all = await client.call('imaging.review', { dossierId });
      expect(all.components.map((c) => c.code).sort()).toEqual(['GCS', 'TK']);
      const tkPages = all.components.find((c) => c.code === 'TK')!.pages;
      expect(tkPages.map((p) => p.pageId)).toEqual(ids);
      const [plain, blank, seal] = tkPages;
      expect(plain).toMatchObject({
        state: 'done',
        blank: false,
        colour: false,
        turned: 0,
        confidence: null,
      });
      expect(blank).toMatchObject({ state: 'done', blank: true, blankKept: false });
      expect(seal).toMatchObject({ state: 'done', blank: false, colour: true });

      // The clerk keeps the blank sheet and has the sealed page in grey: the flags follow.
      await client.call('imaging.blank', { pageId: ids[1]!, decision: 'keep' });
      await client.call('imaging.choose', { pageId: ids[2]!, choices: { colour: 'grey' } });
      const after = (await client.call('imaging.review', { dossierId, componentCode: 'TK' })).components[0]!
        .pages;
      expect(after[1]).toMatchObject({ blank: false, blankKept: true });
      expect(after[2]!.colour).toBe(false);
      await client.call('imaging.choose', { pageId: ids[2]!, choices: { colour: null } });

      // A deleted page leaves the review and goes to the component's "Trang đã xóa".
      expect(await client.call('dossier.deletedPages', { dossierId, componentCode: 'TK' })).toEqual([]);
      await client.call('dossier.deletePage', { pageId: ids[0]! });
      await new Promise((r) => setTimeout(r, 5)); // two deletions, two instants
      await client.call('dossier.deletePage', { pageId: ids[2]! });
      const review = await client.call('imaging.review', { dossierId, componentCode: 'TK' });
      expect(review.components[0]!.pages.map((p) => p.pageId)).toEqual([ids[1]]);
    } finally {
      client.dispose();
      engine.close();
    }

    // The list outlives the engine: a restart (or a reload of the screen) still offers both pages.
    engine = createEngine({ dataDir: dir, imaging: { ocr: false } });
    client = connectInProcess(engine);
    try {
      const deleted = await client.call('dossier.deletedPages', { dossierId, componentCode: 'TK' });
      expect(deleted.map((p) => p.sourceName)).toEqual(['co-dau.jpg', 'to-khai.jpg']); // last deleted first
      expect(deleted.every((p) => !Number.isNaN(Date.parse(p.deletedAt)))).toBe(true);
      expect(await client.call('dossier.deletedPages', { dossierId, componentCode: 'GCS' })).toEqual([]);
      expect(await client.call('dossier.deletedPages', { dossierId })).toHaveLength(2);

      // Restored, the page is back in its place and off the list, its flags as before.
      const restored = await client.call('dossier.restorePage', { pageId: ids[2]! });
      expect(restored.components.find((c) => c.code === 'TK')!.pages.map((p) => p.id)).toEqual([
        ids[1],
        ids[2],
      ]);
      expect(
        (await client.call('dossier.deletedPages', { dossierId, componentCode: 'TK' })).map((p) => p.id),
      ).toEqual([ids[0]]);
      const back = (await client.call('imaging.review', { dossierId, componentCode: 'TK' })).components[0]!
        .pages;
      expect(back[1]).toMatchObject({ pageId: ids[2], colour: true });

      // An unknown dossier is said so, not answered with an empty list.
      await expect(client.call('imaging.review', { dossierId: 'nope' })).rejects.toMatchObject({
        error: { code: 'dossier_not_found' },
      });
      await expect(client.call('dossier.deletedPages', { dossierId: 'nope' })).rejects.toMatchObject({
        error: { code: 'dossier_not_found' },
      });
    } finally {
      client.dispose();
      engine.close();
    }
  });

  it('flags a page the station turned upright and a reading of low confidence, only while that reading is current', () => {
    const analysis: PageAnalysis = {
      skewDeg: 0.4,
      orientation: 180,
      orientationConfidence: 4.2,
      crop: null,
      blank: false,
      ink: 0.05,
      colour: 'bitonal',
      coloured: 0,
    };
    const rec = (over: Partial<CleanupRecord> = {}): CleanupRecord => ({
      v: ANALYSIS_VERSION,
      state: 'done',
      analysis,
      choices: DEFAULT_CHOICES,
      blankDecision: null,
      ...over,
    });
    const faint = { key: 'k', blob: 'b', confidence: LOW_OCR_CONFIDENCE - 12, words: 140 };
    const clear = { ...faint, confidence: LOW_OCR_CONFIDENCE + 25 };

    expect(reviewOf('p', rec(), faint, true)).toMatchObject({
      turned: 180,
      lowConfidence: true,
      confidence: faint.confidence,
      blank: false,
      colour: false,
    });
    expect(reviewOf('p', rec(), clear, true)).toMatchObject({
      lowConfidence: false,
      confidence: clear.confidence,
    });
    // The clerk switched the turn off: the page is not turned, and its text is being read again.
    expect(
      reviewOf('p', rec({ choices: { ...DEFAULT_CHOICES, orient: false } }), faint, false),
    ).toMatchObject({ turned: 0, lowConfidence: false, confidence: null });
    // A page with no words found is not "low confidence" (that is the blank flag's business).
    expect(reviewOf('p', rec(), { ...faint, words: 0 }, true).lowConfidence).toBe(false);
    // A colour page kept in colour by the clerk's choice, a failed page without flags.
    expect(reviewOf('p', rec({ choices: { ...DEFAULT_CHOICES, colour: 'color' } }), null, false).colour).toBe(
      true,
    );
    expect(reviewOf('p', rec({ state: 'failed', analysis: null, error: 'hỏng' }), null, false)).toMatchObject(
      { state: 'failed', turned: 0, colour: false, blank: false, lowConfidence: false },
    );
    expect(reviewOf('p', null, null, false)).toMatchObject({ state: 'pending', confidence: null });
  });
});
