import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import type { Client } from '../../shared/api/client';
import { errorMessage } from '../../shared/i18n';
import { failure } from '../helpers/station';
import { tempDir } from '../helpers/tmp';
import { makeBatch, page, UNSIGNED_REASON } from '../outbox/fixtures';

const open: (() => void)[] = [];
afterEach(() => open.splice(0).forEach((close) => close()));

function station() {
  const engine = createEngine({ dataDir: tempDir(), imaging: { ocr: false }, outbox: { autoStart: false } });
  const client = connectInProcess(engine);
  open.push(() => {
    client.dispose();
    engine.close();
  });
  return client;
}

/** The text of a PDF as pdftotext reads it, its runs of blanks made one. */
function pdfText(dataBase64: string): string {
  const file = path.join(tempDir(), 'receipt.pdf');
  fs.writeFileSync(file, Buffer.from(dataBase64, 'base64'));
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

const TAM_ANH = { code: '000.00.20.H47', name: 'UBND xã Tam Anh', procedures: ['1.003005'] };
const REASON = 'Máy ký số của bưu điện đang bảo hành, đơn vị ký bổ sung khi nhận hồ sơ giấy';

/** A post office serving UBND xã Tam Anh, with a scanned draft (pages, nothing assembled or signed). */
async function postOfficeDraft(c: Client, name: string, seed: number) {
  await c.call('settings.update', {
    stationKind: 'postal',
    postalPointName: 'Bưu điện văn hóa xã Tam Anh',
    postalPointAddress: 'Thôn 2, xã Tam Anh',
    postalPrices: { pickupVnd: 15000, returnVnd: 22000 },
  });
  await c.call('agency.add', { ...TAM_ANH, level: 'commune' });
  const d = await c.call('dossier.create', { procedureCode: '1.003005', applicantName: name });
  await c.call('reception.setApplicant', {
    dossierId: d.id,
    applicant: { kind: 'person', name, idNumber: `04919000${1000 + seed}`, address: 'Thôn 1, xã Tam Anh' },
  });
  for (const [i, comp] of d.components.filter((x) => x.required).entries())
    await c.call('dossier.addPages', {
      dossierId: d.id,
      componentCode: comp.code,
      files: [{ name: `${comp.code}.png`, dataBase64: (await page(seed * 10 + i)).toString('base64') }],
    });
  return { id: d.id, required: d.components.filter((x) => x.required).map((x) => x.code) };
}

/** Rewrites one folder's dossier.json through `edit`. */
function editSpec(dir: string, folder: string, edit: (spec: Record<string, unknown>) => void) {
  const file = path.join(dir, folder, 'dossier.json');
  const spec = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(spec);
  fs.writeFileSync(file, JSON.stringify(spec));
}

describe('receiving unsigned goes through the same check on every path', { timeout: 120_000 }, () => {
  it('the post office receiving for an agency needs the reason; it is recorded, audited and printed', async () => {
    const c = station();
    const { id, required } = await postOfficeDraft(c, 'Trần Thị Bưu', 1);
    expect(required.length).toBeGreaterThan(0);

    const missing = await failure(c.call('agency.receive', { dossierId: id, agencyCode: TAM_ANH.code }));
    expect(missing.code).toBe('unsigned_reason_missing');
    const text = errorMessage(missing, 'vi');
    expect(text).toContain('chưa tạo PDF hoặc chưa ký số');
    for (const code of required) expect(text).toContain(code);
    expect(text).toContain('ít nhất 10 ký tự');

    const short = await failure(
      c.call('agency.receive', { dossierId: id, agencyCode: TAM_ANH.code, unsignedReason: '  ký sau  ' }),
    );
    expect(short).toMatchObject({ code: 'unsigned_reason_short', params: { length: 6, min: 10 } });
    expect(errorMessage(short, 'vi')).toBe(
      'Lý do tiếp nhận khi chưa ký quá ngắn (6 ký tự): cần ít nhất 10 ký tự.',
    );
    // Refused means nothing happened: still a draft, no money line for the agency.
    expect((await c.call('dossier.get', { dossierId: id })).status).toBe('draft');
    expect((await failure(c.call('agency.money', { dossierId: id }))).code).toBe('dossier_not_found');

    const d = await c.call('agency.receive', {
      dossierId: id,
      agencyCode: TAM_ANH.code,
      unsignedReason: REASON,
      payReference: 'BL-0042',
    });
    expect(d.status).toBe('received');
    expect(d.code).toMatch(/^000\.00\.20\.H47-\d{6}-0001$/);
    expect(d.unsigned).toMatchObject({ reason: REASON, components: required });
    expect((await c.call('agency.money', { dossierId: id })).reference).toBe('BL-0042');

    const log = await c.call('audit.list', { dossierId: id });
    const entry = log.find((e) => e.action === 'agency.receive');
    expect(entry, 'agency.receive is in the dossier’s audit trail').toBeTruthy();
    const detail = JSON.parse(entry!.detail) as {
      code: string;
      unsigned: { reason: string; components: string[] };
    };
    expect(detail.code).toBe(d.code);
    expect(detail.unsigned).toMatchObject({ reason: REASON, components: required });

    const receipt = pdfText((await c.call('reception.receipt', { dossierId: id, form: '01' })).dataBase64);
    expect(receipt).toContain(`Lý do: ${REASON}`);
    const f = await c.call('reports.figures', {});
    expect(f.receivedUnsigned).toBe(1);
  });

  it('a folder import without a reason is refused before anything is built; with one it is received and recorded', async () => {
    const c = station();
    const dir = tempDir();
    const [none, short, good] = await makeBatch(dir, 3);
    editSpec(dir, none!, (s) => delete s.unsignedReason);
    editSpec(dir, short!, (s) => (s.unsignedReason = 'chưa ký'));

    const first = await c.call('batch.import', { dir });
    expect(first.imported.map((i) => i.folder)).toEqual([good]);
    const refused = Object.fromEntries(first.refused.map((r) => [r.folder, r.error]));
    expect(refused[none!]?.code).toBe('batch_unsigned_reason_missing');
    const missingText = errorMessage(refused[none!]!, 'vi');
    expect(missingText).toContain(`Thư mục "${none}"`);
    expect(missingText).toContain('TK (');
    expect(missingText).toContain('GBT (');
    expect(missingText).toContain('"unsignedReason" của tệp dossier.json (ít nhất 10 ký tự)');
    expect(refused[short!]).toMatchObject({
      code: 'batch_unsigned_reason_short',
      params: { folder: short, length: 7, min: 10 },
    });
    expect(errorMessage(refused[short!]!, 'vi')).toContain('quá ngắn (7 ký tự), cần ít nhất 10 ký tự');

    // Only the folder with its reason became a dossier: no half-built draft for the others.
    const list = await c.call('dossier.list', {});
    expect(list).toHaveLength(1);
    const d = await c.call('dossier.get', { dossierId: first.imported[0]!.dossierId });
    expect(d.status).toBe('received');
    expect(d.unsigned).toMatchObject({ reason: UNSIGNED_REASON, components: ['TK', 'GBT'] });
    const receipt = pdfText((await c.call('reception.receipt', { dossierId: d.id, form: '01' })).dataBase64);
    expect(receipt).toContain(`chưa được ký số. Lý do: ${UNSIGNED_REASON}`);

    // The folder given its reason comes in on the next import; the one received is skipped.
    editSpec(dir, none!, (s) => (s.unsignedReason = REASON));
    const second = await c.call('batch.import', { dir });
    expect(second.imported.map((i) => i.folder)).toEqual([none]);
    expect(second.skipped.map((s) => s.folder)).toEqual([good]);
    const later = await c.call('dossier.get', { dossierId: second.imported[0]!.dossierId });
    expect(later.unsigned?.reason).toBe(REASON);
    expect((await c.call('reports.figures', {})).receivedUnsigned).toBe(2);
  });
});
