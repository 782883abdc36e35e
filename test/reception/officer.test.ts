import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { b64, scanImage } from '../helpers/images';
import { tempDir } from '../helpers/tmp';
import { words } from './forms-rig';
import { openRig, type Rig } from './rig';

async function receivedBirthDossier(rig: Rig, name: string) {
  const d = rig.dossiers.create('1.001193', 'tạm');
  rig.reception.setApplicant(d.id, { kind: 'person', name });
  for (const code of ['TK', 'GCS']) {
    const png = await scanImage('png', { dpi: 100, width: 300, height: 420 });
    const r = await rig.dossiers.addPages(d.id, code, [{ name: `${code}.png`, dataBase64: b64(png) }]);
    expect(r.rejected).toEqual([]);
  }
  return rig.reception.receive(d.id);
}

/** pdftotext of form 01, whitespace folded, as the outside judge reads it. */
async function receiptText(rig: Rig, dossierId: string, dir: string): Promise<string> {
  const receipt = await rig.forms.pdf(dossierId, '01');
  const file = path.join(dir, `${dossierId}.pdf`);
  fs.writeFileSync(file, Buffer.from(receipt.dataBase64, 'base64'));
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

describe('the receiving officer (cán bộ tiếp nhận)', () => {
  it('records the clerk on duty at reception and prints that name under "NGƯỜI TIẾP NHẬN HỒ SƠ", even after the setting changes', async () => {
    const dir = tempDir();
    const rig = openRig(dir);
    rig.settings.update({ officerName: 'Trần Thị Bình' });
    const first = await receivedBirthDossier(rig, 'Nguyễn Văn An');
    expect(first.receivedBy).toBe('Trần Thị Bình');

    // The next shift: another clerk at the same station.
    rig.settings.update({ officerName: 'Lê Văn Cường' });
    const second = await receivedBirthDossier(rig, 'Phạm Thị Dung');
    expect(second.receivedBy).toBe('Lê Văn Cường');
    expect(rig.dossiers.get(first.id).receivedBy).toBe('Trần Thị Bình');

    const text = await receiptText(rig, first.id, dir);
    // Two copies (Liên 1, Liên 2), each signed by the officer who received the dossier.
    const blocks = text.split('NGƯỜI TIẾP NHẬN HỒ SƠ').slice(1);
    expect(blocks).toHaveLength(2);
    for (const b of blocks)
      expect(b).toMatch(/^ \(Ký và ghi rõ họ tên\) \(Ký và ghi rõ họ tên\) Trần Thị Bình /);
    expect(text).not.toContain('Lê Văn Cường');
    expect(await receiptText(rig, second.id, dir)).toContain('Lê Văn Cường');

    // What the printer gets: poppler draws the signature block (found where poppler reads its
    // heading on page 1) and Tesseract reads the name off the pixels.
    const heading = words(fs.readFileSync(path.join(dir, `${first.id}.pdf`)), dir).find(
      (w) => w.page === 1 && w.text === 'TIẾP' && w.xMin > 297,
    )!;
    const px = (pt: number) => String(Math.round((pt * 150) / 72));
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '150',
      '-f',
      '1',
      '-l',
      '1',
      '-x',
      px(297),
      '-y',
      px(heading.yMin - 6),
      '-W',
      px(298),
      '-H',
      px(110),
      path.join(dir, `${first.id}.pdf`),
      path.join(dir, 'sig'),
    ]);
    const seen = execFileSync('tesseract', [path.join(dir, 'sig-1.png'), '-', '-l', 'vie'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    expect(seen).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
    expect(seen).toContain('Trần Thị Bình');
    rig.store.close();
  });

  it('leaves the line to be written by hand when no officer is set, and keeps the name across a restart', async () => {
    const dir = tempDir();
    let rig = openRig(dir);
    const d = await receivedBirthDossier(rig, 'Võ Văn Em');
    expect(d.receivedBy).toBeNull();
    const text = await receiptText(rig, d.id, dir);
    expect(text).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ (Ký và ghi rõ họ tên)');
    rig.settings.update({ officerName: 'Trần Thị Bình' });
    const named = await receivedBirthDossier(rig, 'Võ Thị Giang');
    rig.store.close();

    rig = openRig(dir);
    expect(rig.dossiers.get(named.id).receivedBy).toBe('Trần Thị Bình');
    expect(rig.dossiers.get(d.id).receivedBy).toBeNull();
    rig.store.close();
  });

  it('prints the clerk on duty under "NGƯỜI HƯỚNG DẪN" on the completion request (form 02)', async () => {
    const dir = tempDir();
    const rig = openRig(dir);
    rig.settings.update({ officerName: 'Đỗ Thị Hạnh' });
    const d = rig.dossiers.create('1.001193', 'Ngô Văn Khoa');
    const form02 = await rig.forms.pdf(d.id, '02');
    const file = path.join(dir, 'form02.pdf');
    fs.writeFileSync(file, Buffer.from(form02.dataBase64, 'base64'));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toMatch(/NGƯỜI HƯỚNG DẪN \(Ký và ghi rõ họ tên\) \(Ký và ghi rõ họ tên\) Đỗ Thị Hạnh/);
    rig.store.close();
  });
});
