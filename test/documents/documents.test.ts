import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { StationError } from '../../shared/api/errors';
import { DEFAULT_CHOICES } from '../../electron/engine/imaging/cleanup';
import { componentKey, Documents, isOutdated, signatureSurvives } from '../../electron/engine/documents';
import type { PageVersion } from '../../electron/engine/imaging/pipeline';
import type { PageFile, PdfPageInput } from '../../electron/engine/pdf/assemble';
import { b64, scanImage } from '../helpers/images';
import { tempDir } from '../helpers/tmp';
import { openRig, type Rig } from '../reception/rig';

const ENGINE = fileURLToPath(new URL('../../electron/engine', import.meta.url));

/** The pages as they are, with no cleanup: the documents room's part alone, without the imaging room's work. */
function rawPages(rig: Rig) {
  return {
    preparePdfPages: (ids: string[]): Promise<PdfPageInput[]> =>
      Promise.resolve(
        ids.map((id) => {
          const r = rig.store.db
            .prepare('SELECT raw_blob, mime, frame, width, height, dpi, rotation FROM pages WHERE id = ?')
            .get(id) as Omit<PageFile, 'bytes'> & { raw_blob: string };
          return { ...r, bytes: rig.store.blobs.get(r.raw_blob) };
        }),
      ),
  };
}

const rigs: Rig[] = [];
afterEach(() => {
  for (const r of rigs.splice(0)) r.store.close();
});

/** A birth-registration dossier with one page in TK and one in GCS, both assembled. */
async function station() {
  const rig = openRig(tempDir());
  rigs.push(rig);
  const documents = new Documents(rig.store, rig.dossiers, rawPages(rig));
  const d = rig.dossiers.create('1.001193', 'Nguyễn Thị Hoa');
  for (const code of ['TK', 'GCS']) {
    await rig.dossiers.addPages(d.id, code, [
      { name: `${code}.png`, dataBase64: b64(await scanImage('png', { width: 600, height: 848 })) },
    ]);
    await documents.assemble(d.id, code);
  }
  const pdfOf = (code: string) => rig.dossiers.get(d.id).components.find((c) => c.code === code)?.pdf;
  /** Stands in for the sign room: a "signed" copy is the PDF with a few more bytes. */
  const sign = (code: string) => {
    const unsigned = documents.pdf(d.id, code).bytes;
    const signed = Buffer.concat([unsigned, Buffer.from(`\n% signed ${code}\n`)]);
    documents.recordSignature(d.id, code, documents.stored(d.id, code).blob, {
      pdf: signed,
      signer: 'Trần Thị Bình',
      signedAt: '2026-03-02T02:00:00.000Z',
      level: 'B-T',
    });
    return signed;
  };
  return { rig, documents, id: d.id, pdfOf, sign };
}

const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

describe('the documents room', () => {
  it('a change to a page makes the component PDF and its signed copy outdated', async () => {
    const { rig, id, pdfOf, sign } = await station();
    sign('TK');
    expect(pdfOf('TK')).toMatchObject({ current: true, signed: { signer: 'Trần Thị Bình', level: 'B-T' } });
    const page = rig.dossiers.get(id).components.find((c) => c.code === 'TK')?.pages[0];
    if (!page) throw new Error('no page');

    rig.dossiers.rotate(page.id, 90);
    // Outdated, the signed copy with it: it still says who signed, but over pages that are no more.
    expect(pdfOf('TK')).toMatchObject({ current: false, signed: { signer: 'Trần Thị Bình' } });
    expect(pdfOf('GCS')?.current).toBe(true);
    rig.dossiers.rotate(page.id, -90);
    expect(pdfOf('TK')?.current).toBe(true);

    rig.dossiers.delete(page.id);
    expect(pdfOf('TK')?.current).toBe(false);
    rig.dossiers.restore(page.id);
    expect(pdfOf('TK')?.current).toBe(true);

    await rig.dossiers.addPages(id, 'TK', [{ name: 'more.png', dataBase64: b64(await scanImage('png')) }]);
    expect(pdfOf('TK')?.current).toBe(false);
  });

  it('a changed cleanup choice or order outdates the PDF too; the stored key keeps its old encoding', () => {
    const page = (id: string, rotation = 0, colour?: 'grey'): PageVersion => ({
      id,
      rawBlob: 'r',
      frame: 0,
      rotation,
      cleanup: { analysis: null, choices: { ...DEFAULT_CHOICES, ...(colour ? { colour } : {}) } },
    });
    // What stations stored before: sha256 of "id:turn[:choices]" joined by commas.
    const stored = { pages_key: sha256(Buffer.from('a:0,b:90')) };
    expect(componentKey([page('a'), page('b', 90)])).toBe(stored.pages_key);
    expect(isOutdated(stored, [page('a'), page('b', 90)])).toBe(false);
    expect(isOutdated(stored, [page('b', 90), page('a')])).toBe(true);
    expect(isOutdated(stored, [page('a', 0, 'grey'), page('b', 90)])).toBe(true);
    expect(isOutdated(stored, [page('a')])).toBe(true);
  });

  it('re-assembly gives new bytes and forgets the signature', async () => {
    const { rig, documents, id, pdfOf, sign } = await station();
    sign('TK');
    sign('GCS');
    const before = documents.pdf(id, 'TK').bytes;
    const page = rig.dossiers.get(id).components.find((c) => c.code === 'TK')?.pages[0];
    if (!page) throw new Error('no page');
    rig.dossiers.rotate(page.id, 90);

    const d = await documents.assemble(id, 'TK');
    const after = documents.pdf(id, 'TK').bytes;
    expect(sha256(after)).not.toBe(sha256(before));
    expect(d.components.find((c) => c.code === 'TK')?.pdf).toMatchObject({ current: true, signed: null });
    expect(documents.stored(id, 'TK')).toMatchObject({ signedBlob: null, signLevel: null });
    // The other component keeps its signature.
    expect(pdfOf('GCS')?.signed).toMatchObject({ signer: 'Trần Thị Bình' });
  });

  it('a signature over bytes that were re-assembled meanwhile is refused', async () => {
    const { documents, id } = await station();
    const source = documents.stored(id, 'TK').blob;
    await documents.assemble(id, 'TK');
    expect(documents.stored(id, 'TK').blob).not.toBe(source);
    const err = (() => {
      try {
        documents.recordSignature(id, 'TK', source, {
          pdf: Buffer.from('%PDF-late'),
          signer: 'x',
          signedAt: new Date().toISOString(),
          level: 'B-B',
        });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(StationError);
    expect((err as StationError).code).toBe('pdf_not_built');
    expect(signatureSurvives({ blob: 'a' }, 'a')).toBe(true);
    expect(signatureSurvives({ blob: 'a' }, 'b')).toBe(false);
  });

  it('frozenFiles returns the signed bytes when signed, the assembled ones otherwise, and re-assembles what is outdated', async () => {
    const { rig, documents, id, sign } = await station();
    const signed = sign('TK');
    const files = await documents.frozenFiles(id);
    expect(files.map((f) => f.componentCode)).toEqual(['TK', 'GCS']);
    const [tk, gcs] = files;
    if (!tk || !gcs) throw new Error('files missing');
    expect(rig.store.blobs.get(tk.blob).equals(signed)).toBe(true);
    expect(tk).toMatchObject({ sha256: sha256(signed), size: signed.length });
    const gcsPdf = documents.pdf(id, 'GCS').bytes;
    expect(gcs).toMatchObject({ sha256: sha256(gcsPdf), size: gcsPdf.length });

    // A page turned after signing: what goes is the PDF of the pages as they are now, unsigned.
    const page = rig.dossiers.get(id).components.find((c) => c.code === 'TK')?.pages[0];
    if (!page) throw new Error('no page');
    rig.dossiers.rotate(page.id, 180);
    const again = await documents.frozenFiles(id);
    const now = documents.pdf(id, 'TK').bytes;
    expect(again[0]).toMatchObject({ sha256: sha256(now), size: now.length });
    expect(documents.stored(id, 'TK').signedBlob).toBeNull();
  });

  it('no trigger of another room touches component_pdfs, and only this room writes it', () => {
    const rig = openRig(tempDir());
    rigs.push(rig);
    const triggers = rig.store.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'component_pdfs'")
      .all();
    expect(triggers).toEqual([]);

    const writers: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, e.name);
        if (e.isDirectory()) walk(file);
        // Shipped migrations are history (sign.001 created the trigger documents.001 drops).
        else if (e.name.endsWith('.ts') && e.name !== 'schema.ts') {
          const text = fs.readFileSync(file, 'utf8');
          if (/(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+component_pdfs/i.test(text))
            writers.push(path.relative(ENGINE, file).split(path.sep).join('/'));
        }
      }
    };
    walk(ENGINE);
    expect(writers.length).toBeGreaterThan(0);
    expect(writers.filter((f) => !f.startsWith('documents/'))).toEqual([]);
  });
});
