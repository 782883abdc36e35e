import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanImage } from '../helpers/images';
import { qpdfCheck, tempDir } from '../helpers/tmp';

const BIN = fileURLToPath(new URL('../../bin/sohoa.mjs', import.meta.url));

function sohoa(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, SOHOA_LANG: '', SOHOA_DATA_DIR: '', ...env },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the sohoa command line', () => {
  it('lists its commands and its version', () => {
    const help = sohoa(['--help']);
    expect(help.code).toBe(0);
    for (const cmd of ['catalog list', 'dossier new', 'dossier add-pages', 'dossier pdf', 'dossier list']) {
      expect(help.out).toContain(cmd);
    }
    const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(sohoa(['--version']).out.trim()).toBe(pkg.version);
  });

  it('carries a dossier from the catalogue to a PDF that qpdf accepts', async () => {
    const data = tempDir();
    const catalog = JSON.parse(sohoa(['--data', data, 'catalog', 'list', '--json']).out) as {
      code: string;
      components: { code: string }[];
    }[];
    const birth = catalog.find((p) => p.code === '1.001193');
    expect(birth?.components.map((c) => c.code)).toContain('TK');

    const created = sohoa([
      '--data',
      data,
      'dossier',
      'new',
      '--procedure',
      '1.001193',
      '--applicant-name',
      'Phạm Minh Châu',
      '--json',
    ]);
    expect(created.code).toBe(0);
    const { id } = JSON.parse(created.out) as { id: string };

    const pages = tempDir();
    const files = [path.join(pages, 'p1.jpg'), path.join(pages, 'p2.png')];
    fs.writeFileSync(files[0]!, await scanImage('jpeg'));
    fs.writeFileSync(files[1]!, await scanImage('png'));
    const add = sohoa(['--data', data, 'dossier', 'add-pages', id, '--component', 'TK', ...files, '--json']);
    expect(add.code).toBe(0);
    expect((JSON.parse(add.out) as { added: unknown[] }).added).toHaveLength(2);

    const out = path.join(pages, 'to-khai.pdf');
    const pdf = sohoa(['--data', data, 'dossier', 'pdf', id, '--component', 'TK', '--out', out]);
    expect(pdf.code, pdf.err).toBe(0);
    expect(qpdfCheck(out)).toContain('No syntax or stream encoding errors');

    const list = JSON.parse(sohoa(['--data', data, 'dossier', 'list', '--json']).out) as {
      id: string;
      pageCount: number;
    }[];
    expect(list).toMatchObject([{ id, pageCount: 2 }]);
  });

  it('says what is wrong, in Vietnamese when asked, with a non-zero exit', () => {
    const data = tempDir();
    const unknown = sohoa([
      '--data',
      data,
      '--lang',
      'vi',
      'dossier',
      'new',
      '--procedure',
      'NOPE',
      '--applicant-name',
      'X',
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Không tìm thấy thủ tục có mã "NOPE"');
    const usage = sohoa(['--data', data, 'dossier', 'new', '--procedure', '1.001193']);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('--applicant-name');
    const missingFile = sohoa([
      '--data',
      data,
      'dossier',
      'add-pages',
      'x',
      '--component',
      'TK',
      '/nonexistent.jpg',
    ]);
    expect(missingFile.code).toBe(2);
    expect(missingFile.err).toContain('no such file');
    expect(sohoa(['frobnicate']).code).toBe(2);
  });

  it('reports a rejected page with its reason and keeps the good ones', async () => {
    const data = tempDir();
    const { id } = JSON.parse(
      sohoa(['--data', data, 'dossier', 'new', '--procedure', '1.001193', '--applicant-name', 'Y', '--json'])
        .out,
    ) as { id: string };
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'good.png'), await scanImage('png'));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'không phải ảnh');
    const r = sohoa([
      '--data',
      data,
      'dossier',
      'add-pages',
      id,
      '--component',
      'TK',
      path.join(dir, 'good.png'),
      path.join(dir, 'notes.txt'),
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('rejected notes.txt [image_unsupported]');
    expect(r.out).toContain('added 1 page(s)');
  });

  it("lets a maintainer point a station at the province's update folder from a script, and refuses what is not a setting or is a secret", () => {
    const data = tempDir();
    expect(sohoa(['--data', data, 'settings', 'get', 'updateUrl']).out.trim()).toBe('');
    const set = sohoa(['--data', data, 'settings', 'set', 'updateUrl=https://capnhat.quangnam.gov.vn/tram/']);
    expect(set.code).toBe(0);
    expect(sohoa(['--data', data, 'settings', 'set', 'updateChannel=beta']).code).toBe(0);
    const all = JSON.parse(sohoa(['--data', data, 'settings', 'get', '--json']).out) as Record<
      string,
      unknown
    >;
    expect(all).toMatchObject({ updateUrl: 'https://capnhat.quangnam.gov.vn/tram/', updateChannel: 'beta' });
    expect(all).not.toHaveProperty('portalSecret');

    const bad = sohoa(['--data', data, '--lang', 'vi', 'settings', 'set', 'updateChannel=gamma']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('Giá trị "gamma" của updateChannel không hợp lệ');
    expect(sohoa(['--data', data, 'settings', 'set', 'khongCo=1']).code).toBe(2);
    const secret = sohoa(['--data', data, 'settings', 'set', 'portalSecret=khoa-bi-lo']);
    expect(secret.code).toBe(2);
    expect(secret.err).toContain('Cài đặt');
    expect(sohoa(['--data', data, 'settings', 'get', 'portalSecretSet']).out.trim()).toBe('false');
  });
});
