import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';

const BIN = fileURLToPath(new URL('../../bin/sohoa.mjs', import.meta.url));
const sohoa = (data: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, '--data', data, '--lang', 'vi', ...args], {
    encoding: 'utf8',
    env: { ...process.env, SOHOA_LANG: '', SOHOA_DATA_DIR: '' },
    timeout: 90_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('sohoa dossier withdraw / refuse of a received dossier', { timeout: 600_000 }, () => {
  it('withdraws a received dossier, says a bad reason or a second ending in Vietnamese, and refuses another', () => {
    const data = tempDir();
    const receivedDossier = (name: string) => {
      const id = sohoa(
        data,
        'dossier',
        'new',
        '--procedure',
        '1.000894',
        '--applicant-name',
        name,
      ).out.trim();
      const got = sohoa(
        data,
        'dossier',
        'receive',
        id,
        '--except',
        'TK=Bản giấy, quét sau',
        '--except',
        'XNTTHN=Bản giấy, quét sau',
        '--json',
      );
      expect(got.code, got.err).toBe(0);
      return { id, code: (JSON.parse(got.out) as { code: string }).code };
    };

    const a = receivedDossier('Lê Văn Cường');
    // Too short: the engine says it in words, nothing changes.
    const short = sohoa(data, 'dossier', 'withdraw', a.id, '--reason', 'Đổi ý');
    expect(short.code).toBe(1);
    expect(short.err).toContain(
      'error [ending_reason_invalid]: Hãy ghi lý do rút hồ sơ từ 10 đến 2000 ký tự (lý do vừa nhập có 5 ký tự)',
    );
    expect(sohoa(data, 'dossier', 'withdraw', a.id).code).toBe(2); // --reason missing: usage

    const reason = 'Công dân xin rút hồ sơ để nộp tại huyện khác.';
    const w = sohoa(data, 'dossier', 'withdraw', a.id, '--reason', reason, '--json');
    expect(w.code, w.err).toBe(0);
    const d = JSON.parse(w.out) as { status: string; withdrawal: { reason: string } };
    expect(d).toMatchObject({ status: 'withdrawn', withdrawal: { reason } });
    const shown = JSON.parse(sohoa(data, 'dossier', 'show', a.id, '--json').out) as { status: string };
    expect(shown.status).toBe('withdrawn');

    const again = sohoa(data, 'dossier', 'withdraw', a.id, '--reason', reason);
    expect(again.code).toBe(1);
    expect(again.err).toContain(`error [dossier_ended]: Hồ sơ ${a.code} đã được người dân rút lúc`);

    // A received dossier refused from the command line ends refused; form 03 prints for it.
    const b = receivedDossier('Võ Thị Em');
    const r = sohoa(
      data,
      'dossier',
      'refuse',
      b.id,
      '--reason',
      'Hồ sơ không thuộc thẩm quyền giải quyết của xã.',
    );
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(sohoa(data, 'dossier', 'show', b.id, '--json').out)).toMatchObject({
      status: 'refused',
    });
    expect(sohoa(data, 'receipt', b.id, '--form', '03', '--out', `${data}/03.pdf`).code).toBe(0);
  });
});
