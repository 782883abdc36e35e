import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { b64, hugePngHeader, multiPageTiff, scanImage } from '../helpers/images';
import { failure } from '../helpers/station';
import { pdfinfo, qpdfCheck, tempDir } from '../helpers/tmp';

function open(dataDir: string) {
  const engine = createEngine({ dataDir });
  const client = connectInProcess(engine);
  return {
    client,
    close() {
      client.dispose();
      engine.close();
    },
  };
}

describe('a clerk receiving a birth registration dossier', () => {
  it('creates the dossier, adds, orders, turns and removes pages, builds the PDF, and finds it all after a restart', async () => {
    const dir = tempDir();
    let s = open(dir);
    const dossier = await s.client.call('dossier.create', {
      procedureCode: '1.001193',
      applicantName: 'Nguyễn Thị Hoa',
    });
    expect(dossier.components.map((c) => c.code)).toEqual(['TK', 'GCS', 'UQ']);

    const files = [
      {
        name: 'to-khai-1.jpg',
        dataBase64: b64(await scanImage('jpeg', { dpi: 200, width: 1654, height: 2339 })),
      },
      { name: 'to-khai-2.png', dataBase64: b64(await scanImage('png')) },
      { name: 'to-khai-3.tif', dataBase64: b64(await scanImage('tiff')) },
    ];
    const added = await s.client.call('dossier.addPages', {
      dossierId: dossier.id,
      componentCode: 'TK',
      files,
    });
    expect(added.rejected).toEqual([]);
    expect(added.added.map((p) => p.sourceName)).toEqual(['to-khai-1.jpg', 'to-khai-2.png', 'to-khai-3.tif']);
    expect(added.added[0]).toMatchObject({ mime: 'image/jpeg', width: 1654, height: 2339, dpi: 200 });

    const [p1, p2, p3] = added.added.map((p) => p.id) as [string, string, string];
    await s.client.call('dossier.reorderPages', {
      dossierId: dossier.id,
      componentCode: 'TK',
      pageIds: [p3, p1, p2],
    });
    await s.client.call('dossier.rotatePage', { pageId: p1, by: 90 });
    await s.client.call('dossier.rotatePage', { pageId: p1, by: 90 });
    await s.client.call('dossier.deletePage', { pageId: p2 });
    const thumb = await s.client.call('dossier.thumbnail', { pageId: p3 });
    expect(thumb.dataUrl).toMatch(/^data:image\/jpeg;base64,\/9j\//);

    const built = await s.client.call('documents.assemble', { dossierId: dossier.id, componentCode: 'TK' });
    expect(built.components[0]!.pdf).toMatchObject({ pageCount: 2, current: true });
    s.close();

    // The engine restarts (app closed, power cut…): everything is still there.
    s = open(dir);
    const again = await s.client.call('dossier.get', { dossierId: dossier.id });
    const tk = again.components[0]!;
    expect(tk.pages.map((p) => [p.id, p.rotation])).toEqual([
      [p3, 0],
      [p1, 180],
    ]);
    expect(tk.pdf?.current).toBe(true);
    const list = await s.client.call('dossier.list', {});
    expect(list).toMatchObject([{ id: dossier.id, applicantName: 'Nguyễn Thị Hoa', pageCount: 2 }]);

    const pdf = await s.client.call('documents.componentPdf', { dossierId: dossier.id, componentCode: 'TK' });
    const out = path.join(dir, pdf.fileName);
    fs.writeFileSync(out, Buffer.from(pdf.dataBase64, 'base64'));
    expect(qpdfCheck(out)).toContain('No syntax or stream encoding errors');
    const info = pdfinfo(out, [1, 2]);
    expect(info).toMatch(/Pages:\s+2/);
    expect(info).toContain('Tờ khai đăng ký khai sinh — Đăng ký khai sinh');
    // Each page at its scan's true physical size (A4 at 100 and at 200 dpi); page 2 turned upside down.
    expect(info).toMatch(/Page\s+1 size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(info).toMatch(/Page\s+1 rot:\s+0/);
    expect(info).toMatch(/Page\s+2 size:\s+595\.\d+ x 842\.\d+ pts \(A4\)/);
    expect(info).toMatch(/Page\s+2 rot:\s+180/);
    s.close();
  });

  it('undoes a page deletion, and marks the PDF outdated until it is rebuilt', async () => {
    const s = open(tempDir());
    const d = await s.client.call('dossier.create', {
      procedureCode: '1.000894',
      applicantName: 'Lê Văn Nam',
    });
    const { added } = await s.client.call('dossier.addPages', {
      dossierId: d.id,
      componentCode: 'TK',
      files: [
        { name: 'a.png', dataBase64: b64(await scanImage('png')) },
        { name: 'b.png', dataBase64: b64(await scanImage('png', { shade: '#555' })) },
      ],
    });
    await s.client.call('documents.assemble', { dossierId: d.id, componentCode: 'TK' });
    const afterDelete = await s.client.call('dossier.deletePage', { pageId: added[1]!.id });
    expect(afterDelete.components[0]!.pages).toHaveLength(1);
    expect(afterDelete.components[0]!.pdf?.current).toBe(false);
    const restored = await s.client.call('dossier.restorePage', { pageId: added[1]!.id });
    expect(restored.components[0]!.pages.map((p) => p.id)).toEqual(added.map((p) => p.id));
    expect(restored.components[0]!.pdf?.current).toBe(true);
    s.close();
  });

  it('splits a multi-page TIFF into its pages', async () => {
    const s = open(tempDir());
    const d = await s.client.call('dossier.create', { procedureCode: '1.001193', applicantName: 'A' });
    const r = await s.client.call('dossier.addPages', {
      dossierId: d.id,
      componentCode: 'GCS',
      files: [{ name: 'feeder.tif', dataBase64: b64(await multiPageTiff()) }],
    });
    expect(r.added.map((p) => p.sourceName)).toEqual(['feeder.tif [1]', 'feeder.tif [2]']);
    s.close();
  });
});

describe('bad input at the counter', () => {
  it('refuses files that are not whole scans, one by one, and keeps every page already stored', async () => {
    const s = open(tempDir());
    const d = await s.client.call('dossier.create', { procedureCode: '1.001193', applicantName: 'B' });
    const good = await s.client.call('dossier.addPages', {
      dossierId: d.id,
      componentCode: 'TK',
      files: [{ name: 'good.jpg', dataBase64: b64(await scanImage('jpeg')) }],
    });
    const jpeg = await scanImage('jpeg');
    const r = await s.client.call('dossier.addPages', {
      dossierId: d.id,
      componentCode: 'TK',
      files: [
        { name: 'notes.txt', dataBase64: b64(Buffer.from('không phải ảnh')) },
        { name: 'cut.jpg', dataBase64: b64(jpeg.subarray(0, Math.floor(jpeg.length / 2))) },
        { name: 'bomb.png', dataBase64: b64(hugePngHeader(30000, 30000)) },
        { name: 'empty.png', dataBase64: '' },
        { name: 'ok.png', dataBase64: b64(await scanImage('png')) },
      ],
    });
    expect(r.rejected.map((x) => [x.name, x.error.code])).toEqual([
      ['notes.txt', 'image_unsupported'],
      ['cut.jpg', 'image_truncated'],
      ['bomb.png', 'image_too_large'],
      ['empty.png', 'file_empty'],
    ]);
    expect(r.rejected[2]!.error.params).toMatchObject({ width: 30000, height: 30000 });
    expect(r.added.map((p) => p.sourceName)).toEqual(['ok.png']);
    expect(r.dossier.components[0]!.pages.map((p) => p.id)).toEqual([good.added[0]!.id, r.added[0]!.id]);
    s.close();
  });

  it('answers unknown procedures, components, dossiers and empty components with their own codes', async () => {
    const s = open(tempDir());
    expect(
      await failure(s.client.call('dossier.create', { procedureCode: '9.999999', applicantName: 'C' })),
    ).toMatchObject({
      code: 'unknown_procedure',
      params: { code: '9.999999' },
    });
    const d = await s.client.call('dossier.create', { procedureCode: '1.001193', applicantName: 'C' });
    expect(
      (
        await failure(
          s.client.call('dossier.addPages', {
            dossierId: d.id,
            componentCode: 'XX',
            files: [{ name: 'a', dataBase64: 'AA==' }],
          }),
        )
      ).code,
    ).toBe('unknown_component');
    expect((await failure(s.client.call('dossier.get', { dossierId: 'nope' }))).code).toBe(
      'dossier_not_found',
    );
    expect(
      (await failure(s.client.call('documents.assemble', { dossierId: d.id, componentCode: 'GCS' }))).code,
    ).toBe('component_empty');
    expect(
      (await failure(s.client.call('documents.componentPdf', { dossierId: d.id, componentCode: 'GCS' })))
        .code,
    ).toBe('pdf_not_built');
    expect(
      (await failure(s.client.call('dossier.create', { procedureCode: '1.001193', applicantName: '   ' })))
        .code,
    ).toBe('invalid_request');
    s.close();
  });

  it('refuses a reorder that would lose or duplicate a page', async () => {
    const s = open(tempDir());
    const d = await s.client.call('dossier.create', { procedureCode: '1.001193', applicantName: 'D' });
    const { added } = await s.client.call('dossier.addPages', {
      dossierId: d.id,
      componentCode: 'TK',
      files: [
        { name: 'a.png', dataBase64: b64(await scanImage('png')) },
        { name: 'b.png', dataBase64: b64(await scanImage('png', { shade: '#444' })) },
      ],
    });
    const [a] = added.map((p) => p.id) as [string];
    expect(
      (
        await failure(
          s.client.call('dossier.reorderPages', { dossierId: d.id, componentCode: 'TK', pageIds: [a, a] }),
        )
      ).code,
    ).toBe('invalid_request');
    const still = await s.client.call('dossier.get', { dossierId: d.id });
    expect(still.components[0]!.pages.map((p) => p.id)).toEqual(added.map((p) => p.id));
    s.close();
  });
});
