import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { type CreateDossierRequest, portalDate } from '../../electron/engine/portal/protocol';
import type { SandboxDossier } from '../../electron/engine/training';

/** Procedure 1.000656 of the sample catalogue: two required components, TK and GBT. */
export const PROCEDURE = '1.000656';

/** A small page image, different for every seed (so every dossier's files differ). */
export async function page(seed: number, big = false): Promise<Buffer> {
  const width = big ? 827 : 300;
  const height = big ? 1169 : 420;
  const lines = Array.from({ length: 6 }, (_, i) => ({
    input: {
      create: {
        width: 40 + ((seed * 37 + i * 53) % (width - 80)),
        height: 8,
        channels: 3 as const,
        background: '#222',
      },
    },
    left: 20,
    top: 30 + i * 40,
  }));
  return sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite(lines)
    .withMetadata({ density: big ? 100 : 50 })
    .png()
    .toBuffer();
}

/** The reason a prepared folder gives for being received before its components are signed. */
export const UNSIGNED_REASON = 'Quét tại điểm tiếp nhận lưu động, chưa có chữ ký số của đơn vị';

/** Writes DIR/<name>/dossier.json dossiers, each with one page per required component. */
export async function makeBatch(
  dir: string,
  count: number,
  offset = 0,
  procedure: { code: string; components: [string, string] } = { code: PROCEDURE, components: ['TK', 'GBT'] },
): Promise<string[]> {
  const names: string[] = [];
  for (let i = offset; i < offset + count; i++) {
    const name = `ho-so-${String(i).padStart(3, '0')}`;
    const folder = path.join(dir, name);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'to-khai.png'), await page(i * 2));
    fs.writeFileSync(path.join(folder, 'giay-bao-tu.png'), await page(i * 2 + 1));
    fs.writeFileSync(
      path.join(folder, 'dossier.json'),
      JSON.stringify({
        procedureCode: procedure.code,
        applicant: { name: `Nguyễn Văn Thử ${i}` },
        components: [
          { code: procedure.components[0], files: ['to-khai.png'] },
          { code: procedure.components[1], files: ['giay-bao-tu.png'] },
        ],
        // The citizen consented where the dossier was prepared: it is submitted online.
        consent: true,
        // Scanned elsewhere without the unit's token: received unsigned, saying why.
        unsignedReason: UNSIGNED_REASON,
      }),
    );
    names.push(name);
  }
  return names;
}

/** GET /sandbox/dossiers: what the sandbox portal holds. */
export async function sandboxDossiers(url: string): Promise<SandboxDossier[]> {
  const res = await fetch(`${url}/sandbox/dossiers`, { signal: AbortSignal.timeout(10_000) });
  return (await res.json()) as SandboxDossier[];
}

/** Polls until check() holds, bounded. */
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T> | T,
  ms = 30_000,
  every = 100,
): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, every));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** The URL a `sohoa portal-sandbox` process prints once it listens; what it said, if it exits or is silent for 30 s. */
export function sandboxUrl(child: ChildProcess): Promise<string> {
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start:\n${out}`)), 30_000);
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    child.once('exit', (code) => reject(new Error(`sandbox exited ${code}:\n${out}`)));
  });
}

/** A portal create request for one TK file, as the protocol tests send it straight to the training portal. */
export function createRequest(code: string, files: Buffer[]): CreateDossierRequest {
  const at = portalDate(new Date('2026-11-27T02:30:00Z'));
  return {
    MaHoSo: code,
    MaTTHC: '1.000656',
    TenTTHC: 'Đăng ký khai tử',
    ChuHoSo: 'Trần Thị Bình',
    LoaiDoiTuong: 1,
    TrichYeuHoSo: 'Đăng ký khai tử',
    NgayTiepNhan: at,
    NgayHenTra: null,
    UyQuyen: { TaiKhoan: '049123456789', DongY: true, ThoiDiemDongY: at, HinhThuc: 'TAI_QUAY' },
    TaiLieuNop: files.map((b) => ({
      MaThanhPhanHoSo: 'TK',
      TenTep: 'TK.pdf',
      KichThuoc: b.length,
      SHA256: crypto.createHash('sha256').update(b).digest('hex'),
    })),
  };
}
