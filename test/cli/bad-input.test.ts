import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { goodFiles, readBadCorpus } from '../helpers/bad-corpus';
import { tempDir } from '../helpers/tmp';

const BIN = fileURLToPath(new URL('../../bin/sohoa.mjs', import.meta.url));

function sohoa(data: string, args: string[]) {
  const r = spawnSync(process.execPath, [BIN, '--data', data, ...args], {
    encoding: 'utf8',
    env: { ...process.env, SOHOA_LANG: 'vi', SOHOA_DATA_DIR: '', SOHOA_OCR: '0' },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface Rejected {
  name: string;
  error: { code: string };
}

const corpus = readBadCorpus();

/** A dossier on a fresh station, as a clerk starts one; the station's data folder with it. */
function newDossier(): { data: string; id: string } {
  const data = tempDir();
  const r = sohoa(data, [
    'dossier',
    'new',
    '--procedure',
    '1.001193',
    '--applicant-name',
    'Lê Văn An',
    '--json',
  ]);
  expect(r.code, r.err).toBe(0);
  return { data, id: (JSON.parse(r.out) as { id: string }).id };
}

describe('bad files at the counter, through the command line (test/fixtures/bad)', () => {
  let made: Awaited<ReturnType<typeof goodFiles>>;
  let good: { jpeg: string; pdf: string };
  beforeAll(async () => {
    made = await goodFiles();
  });
  // The control: a whole page beside the bad ones (temp folders go after each test).
  beforeEach(() => {
    const dir = tempDir();
    good = { jpeg: path.join(dir, 'good.jpg'), pdf: path.join(dir, 'good.pdf') };
    fs.writeFileSync(good.jpeg, made.jpeg);
    fs.writeFileSync(good.pdf, made.pdf);
  });

  it('the corpus is there: truncated, zero-length, wrong magic, bombs, cut PDFs', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(15);
    for (const e of corpus) expect(fs.existsSync(e.path), e.file).toBe(true);
    expect(fs.statSync(corpus.find((e) => e.file === 'cut-20k.jpg')!.path).size).toBe(20 * 1024);
  });

  it('sohoa dossier add-pages refuses every bad file with its code and adds the good page beside them', () => {
    const { data, id } = newDossier();
    const r = sohoa(data, [
      'dossier',
      'add-pages',
      id,
      '--component',
      'TK',
      good.jpeg,
      ...corpus.map((e) => e.path),
      '--json',
    ]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out) as { added: { sourceName: string }[]; rejected: Rejected[] };
    expect(out.added.map((p) => p.sourceName)).toEqual(['good.jpg']);
    expect(Object.fromEntries(out.rejected.map((x) => [x.name, x.error.code]))).toEqual(
      Object.fromEntries(corpus.map((e) => [e.file, e.imageCode ?? e.code])),
    );
    const shown = JSON.parse(sohoa(data, ['dossier', 'show', id, '--json']).out) as {
      components: { code: string; pages: unknown[] }[];
    };
    expect(shown.components.find((c) => c.code === 'TK')?.pages).toHaveLength(1);
  });

  it('sohoa import (images and PDFs) refuses every bad file, the cut PDF included', () => {
    const { data, id } = newDossier();
    const r = sohoa(data, [
      'import',
      id,
      '--component',
      'TK',
      good.pdf,
      ...corpus.map((e) => e.path),
      '--json',
    ]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out) as { added: { sourceName: string }[]; rejected: Rejected[] };
    expect(out.added.map((p) => p.sourceName)).toEqual(['good.pdf']);
    expect(Object.fromEntries(out.rejected.map((x) => [x.name, x.error.code]))).toEqual(
      Object.fromEntries(corpus.map((e) => [e.file, e.code])),
    );
  });

  it('sohoa pdf names each bad file in Vietnamese and never writes it as a page', () => {
    const data = tempDir();
    const outPdf = path.join(tempDir(), 'out.pdf');
    const r = sohoa(data, [
      'pdf',
      '--no-ocr',
      '--json',
      '--out',
      outPdf,
      good.jpeg,
      ...corpus.map((e) => e.path),
    ]);
    // 3: a PDF was written, some inputs were refused.
    expect(r.code, r.err).toBe(3);
    const out = JSON.parse(r.out) as {
      pages: { file: string }[];
      failures: { file: string; code: string; message: string }[];
    };
    expect(out.pages.map((p) => p.file)).toEqual(['good.jpg']);
    expect(Object.fromEntries(out.failures.map((f) => [f.file, f.code]))).toEqual(
      Object.fromEntries(corpus.map((e) => [e.file, e.code])),
    );
    const says = (file: string) => out.failures.find((f) => f.file === file)?.message ?? '';
    expect(says('cut-20k.jpg')).toMatch(/bị cắt\/hỏng.*hãy quét lại trang này/);
    expect(says('broken-xref-cut-content.pdf')).toMatch(/bảng tham chiếu chéo/);
    expect(says('cut-content.pdf')).toMatch(/Trang 1 của tệp PDF/);
    expect(r.err).toContain('cut-20k.jpg');
  });

  it('sohoa pdf with only the truncated JPEG writes nothing and fails', () => {
    const data = tempDir();
    const outPdf = path.join(tempDir(), 'none.pdf');
    const cut = corpus.find((e) => e.file === 'cut-20k.jpg')!;
    const r = sohoa(data, ['pdf', '--no-ocr', '--out', outPdf, cut.path]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Ảnh "cut-20k.jpg" bị cắt/hỏng');
    expect(fs.existsSync(outPdf)).toBe(false);
  });
});
