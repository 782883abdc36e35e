import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../electron/engine/training';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import type { Client } from '../../shared/api/client';
import { qpdfCheck } from '../helpers/tmp';
import { makeTestPki, pdfsig, startTsa, type TestPki, type TestTsa, USER_PIN } from '../sign/fixture';
import {
  choose,
  failure,
  type Listing,
  open,
  page,
  receivedSigned,
  sha,
  signedBytes,
  sohoa,
  type Station,
  waitDone,
} from './correction-rig';

/**
 * Đính chính (docs/architecture.md, reception): a received dossier is a record; a
 * supervisor's correction keeps the received version, lets the clerk change and re-sign
 * it, and sends the corrected version to the portal. Real components: the SoftHSM2 token,
 * the test TSA, the training portal on 127.0.0.1 and the `sohoa` CLI.
 */

let pki: TestPki;
let tsa: TestTsa;
let portal: Sandbox;
let root: string;
let portalDir: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-correction-'));
  pki = makeTestPki();
  process.env.SOFTHSM2_CONF = pki.env.SOFTHSM2_CONF;
  tsa = await startTsa(pki);
  portalDir = path.join(root, 'portal');
  portal = await startSandbox({ dataDir: portalDir, advanceMs: 600_000 });
});

afterAll(async () => {
  await portal?.close();
  await tsa?.close();
  pki?.cleanup();
  fs.rmSync(root, { recursive: true, force: true });
});

async function listing(): Promise<Listing[]> {
  const res = await fetch(`${portal.url}/sandbox/dossiers`, { signal: AbortSignal.timeout(10_000) });
  return (await res.json()) as Listing[];
}

describe('đính chính: a supervisor corrects a received dossier', { timeout: 300_000 }, () => {
  const dataDir = () => path.join(root, 'station');
  let st: Station;
  let clerk: Client;
  let sup: Client;
  let id = '';
  let code = '';
  const received = new Map<string, Buffer>();

  beforeAll(async () => {
    st = open(dataDir());
    const admin = await st.client.call('accounts.setup', {
      username: 'quantri',
      name: 'Phạm Quản Trị',
      password: 'mat-khau-quan-tri',
    });
    const a = connectInProcess(st.engine);
    a.setSession(admin.token);
    await a.call('accounts.add', {
      username: 'binh',
      name: 'Trần Thị Bình',
      role: 'clerk',
      password: 'binh-12345',
    });
    await a.call('accounts.add', {
      username: 'lanh',
      name: 'Lê Văn Lãnh',
      role: 'supervisor',
      password: 'lanh-12345',
    });
    await a.call('sign.config.update', { tsaUrl: tsa.url, tsaTimeoutMs: 5000, trustPems: [pki.caPem] });
    clerk = await st.as('binh', 'binh-12345');
    sup = await st.as('lanh', 'lanh-12345');
    await choose(clerk);
    const d = await receivedSigned(clerk, 'Nguyễn Thị Hoa');
    id = d.id;
    code = d.code ?? '';
    for (const c of ['TK', 'GCS']) received.set(c, await signedBytes(clerk, id, c));
    const sync = await clerk.call('outbox.sync', {
      portalUrl: portal.url,
      untilEmpty: true,
      timeoutMs: 60_000,
    });
    expect(sync).toMatchObject({ submitted: 1, pending: 0, failed: 0 });
  });

  afterAll(() => st?.close());

  it('refuses page changes on the received, signed and submitted dossier, in the engine and from the CLI', async () => {
    expect(
      (
        await failure(
          clerk.call('dossier.addPages', { dossierId: id, componentCode: 'TK', files: [await page(7)] }),
        )
      ).code,
    ).toBe('dossier_locked');
    expect(
      (await failure(clerk.call('documents.assemble', { dossierId: id, componentCode: 'TK' }))).code,
    ).toBe('dossier_locked');
    st.close();
    try {
      const img = path.join(root, 'extra.png');
      fs.writeFileSync(img, Buffer.from((await page(8)).dataBase64, 'base64'));
      const clerkLogin: [string, string] = ['binh', 'binh-12345'];
      for (const args of [
        ['dossier', 'add-pages', id, '--component', 'TK', img],
        ['import', id, '--component', 'TK', img],
        ['dossier', 'pdf', id, '--component', 'TK', '--out', path.join(root, 'tk.pdf')],
      ]) {
        const r = sohoa(dataDir(), args, clerkLogin);
        expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(1);
        expect(r.stderr).toContain('dossier_locked');
      }
      expect(fs.existsSync(path.join(root, 'tk.pdf'))).toBe(false);
    } finally {
      st = open(dataDir());
      clerk = await st.as('binh', 'binh-12345');
      sup = await st.as('lanh', 'lanh-12345');
    }
  });

  it('a clerk cannot open a correction, not even through the raw dispatch', async () => {
    expect(
      (
        await failure(
          clerk.call('reception.correct', { dossierId: id, reason: 'Sai ngày sinh trên tờ khai' }),
        )
      ).code,
    ).toBe('auth_forbidden');
    const session = (await st.client.call('accounts.signIn', { username: 'binh', password: 'binh-12345' }))
      .token;
    const reply = await st.engine.dispatch({
      kind: 'call',
      id: 1,
      method: 'reception.correct',
      params: { dossierId: id, reason: 'Sai ngày sinh trên tờ khai' },
      session,
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'auth_forbidden' } });
    expect((await clerk.call('dossier.get', { dossierId: id })).correction).toBeNull();
  });

  it('refuses a correction while the submission is on its way, and on a draft', async () => {
    const other = await clerk.call('dossier.create', {
      procedureCode: '1.001193',
      applicantName: 'Đang gửi',
    });
    await clerk.call('dossier.addPages', {
      dossierId: other.id,
      componentCode: 'TK',
      files: [await page(3)],
    });
    await clerk.call('dossier.addPages', {
      dossierId: other.id,
      componentCode: 'GCS',
      files: [await page(4)],
    });
    expect(
      (await failure(sup.call('reception.correct', { dossierId: other.id, reason: 'Chưa tiếp nhận mà sửa' })))
        .code,
    ).toBe('dossier_wrong_status');
    await clerk.call('reception.receive', {
      dossierId: other.id,
      consent: { how: 'checkbox' },
      unsignedReason: 'Ký số bổ sung sau khi tiếp nhận',
    });
    // Queued, not yet sent: the worker has not run.
    expect(
      (
        await failure(
          sup.call('reception.correct', { dossierId: other.id, reason: 'Sai tên người nộp hồ sơ' }),
        )
      ).code,
    ).toBe('correction_while_uploading');
    expect((await sup.call('dossier.get', { dossierId: other.id })).correction).toBeNull();
  });

  it('keeps the received version byte-identical and downloadable; finishing needs the new PDFs signed', async () => {
    const reason = 'Tờ khai thiếu trang 2, công dân bổ sung tại quầy';
    const d = await sup.call('reception.correct', { dossierId: id, reason });
    expect(d.correction).toMatchObject({ reason, by: 'Lê Văn Lãnh' });
    expect(d.version).toBe(1);
    expect((await failure(sup.call('reception.correct', { dossierId: id, reason }))).code).toBe(
      'dossier_wrong_status',
    );

    const kept = await clerk.call('documents.versions', { dossierId: id });
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ version: 1 });
    expect(kept[0]!.components.map((c) => [c.componentCode, c.signed, c.signedBy])).toEqual([
      ['TK', true, 'Nguyễn Văn An'],
      ['GCS', true, 'Nguyễn Văn An'],
    ]);
    const check = async () => {
      for (const [c, bytes] of received) {
        const f = await clerk.call('documents.versionPdf', { dossierId: id, version: 1, componentCode: c });
        const got = Buffer.from(f.dataBase64, 'base64');
        expect(got.equals(bytes)).toBe(true);
        expect(f.sha256).toBe(sha(bytes));
        expect(kept[0]!.components.find((x) => x.componentCode === c)?.bytes).toBe(bytes.length);
      }
    };
    await check();

    // The clerk adds the missing page; the component's PDF is rebuilt, its old signature gone.
    await clerk.call('dossier.addPages', { dossierId: id, componentCode: 'TK', files: [await page(9)] });
    const rebuilt = await clerk.call('documents.assemble', { dossierId: id, componentCode: 'TK' });
    expect(rebuilt.components.find((c) => c.code === 'TK')?.pdf?.signed ?? null).toBeNull();
    expect((await failure(clerk.call('reception.finishCorrection', { dossierId: id }))).code).toBe(
      'correction_needs_signature',
    );
    // The received version is still exactly what it was.
    await check();
  });

  it('after re-signing, finishing queues the update and the portal gets the re-signed bytes as version 2', async () => {
    const r = await clerk.call('sign.batch', { dossierIds: [id], pin: USER_PIN });
    expect(r).toMatchObject({ signed: 1, failed: 0 });
    const tk = await signedBytes(clerk, id, 'TK');
    expect(tk.equals(received.get('TK')!)).toBe(false);

    // Finished from the CLI, as the clerk.
    st.close();
    try {
      const fin = sohoa(dataDir(), ['dossier', 'finish-correction', id, '--json'], ['binh', 'binh-12345']);
      expect(fin.status, fin.stderr).toBe(0);
      const done = JSON.parse(fin.stdout) as { version: number; correction: unknown; corrections: unknown[] };
      expect(done).toMatchObject({ version: 2, correction: null });
      expect(done.corrections).toMatchObject([
        { version: 2, by: 'Lê Văn Lãnh', finishedBy: 'Trần Thị Bình' },
      ]);
    } finally {
      st = open(dataDir());
      clerk = await st.as('binh', 'binh-12345');
      sup = await st.as('lanh', 'lanh-12345');
    }
    expect(
      (
        await failure(
          clerk.call('dossier.addPages', { dossierId: id, componentCode: 'TK', files: [await page(5)] }),
        )
      ).code,
    ).toBe('dossier_locked');
    const queued = await clerk.call('outbox.overview', {});
    const update = queued.items.find((i) => i.dossierId === id && i.kind === 'update');
    expect(update?.state).toBe('queued');
    // The submission itself stays as it was sent: never silently uploaded again.
    const submit = queued.items.find((i) => i.dossierId === id && i.kind === 'submit');
    expect(submit?.files.map((f) => f.componentCode)).toEqual(['TK', 'GCS']);

    const sync = await clerk.call('outbox.sync', {
      portalUrl: portal.url,
      untilEmpty: true,
      timeoutMs: 60_000,
    });
    expect(sync).toMatchObject({ pending: 0, failed: 0 });
    await waitDone(clerk, id);

    const held = (await listing()).find((x) => x.code === code);
    expect(held?.version).toBe(2);
    expect(held?.corrections).toEqual([
      { version: 2, reason: 'Tờ khai thiếu trang 2, công dân bổ sung tại quầy', confirmed: true },
    ]);
    const gcs = await signedBytes(clerk, id, 'GCS');
    expect(held?.files.map((f) => [f.component, f.sha256, f.complete])).toEqual([
      ['TK', sha(tk), true],
      ['GCS', sha(gcs), true],
    ]);
    // What the portal holds, judged from outside: the re-signed TK verifies and is a sound PDF.
    const onPortal = path.join(root, 'portal-tk.pdf');
    fs.copyFileSync(path.join(portalDir, 'files', `${held!.files[0]!.id}.bin`), onPortal);
    expect(fs.readFileSync(onPortal).equals(tk)).toBe(true);
    expect(pdfsig(pki, onPortal)).toContain('Signature is Valid');
    expect(qpdfCheck(onPortal)).toContain('No syntax or stream encoding errors');
  });

  it('prints form 01 of the corrected dossier as a corrected copy, with the reason', async () => {
    const f = await clerk.call('reception.receipt', { dossierId: id, form: '01' });
    const file = path.join(root, 'receipt.pdf');
    fs.writeFileSync(file, Buffer.from(f.dataBase64, 'base64'));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text.split('BẢN ĐÍNH CHÍNH — lần 1')).toHaveLength(3); // both copies (Liên 1, Liên 2)
    expect(text).toContain('Lý do đính chính: Tờ khai thiếu trang 2, công dân bổ sung tại quầy');
    // The regulation's content is still there.
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(text).toContain(`Mã hồ sơ: ${code}`);
    expect(text).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
  });

  it('a supervisor opens a correction from the CLI; a clerk is refused there too', async () => {
    st.close();
    try {
      const reason = 'Sai số trang giấy chứng sinh';
      const clerkTry = sohoa(
        dataDir(),
        ['dossier', 'correct', id, '--reason', reason],
        ['binh', 'binh-12345'],
      );
      expect(clerkTry.status).toBe(1);
      expect(clerkTry.stderr).toContain('auth_forbidden');
      const ok = sohoa(
        dataDir(),
        ['dossier', 'correct', id, '--reason', reason, '--json'],
        ['lanh', 'lanh-12345'],
      );
      expect(ok.status, ok.stderr).toBe(0);
      expect(JSON.parse(ok.stdout)).toMatchObject({ version: 2, correction: { reason, by: 'Lê Văn Lãnh' } });
    } finally {
      st = open(dataDir());
      clerk = await st.as('binh', 'binh-12345');
    }
    // Version 2 (the corrected one) is kept beside version 1.
    const kept = await clerk.call('documents.versions', { dossierId: id });
    expect(kept.map((v) => v.version)).toEqual([1, 2]);
    // The trail names who opened and who finished each correction, with the reason.
    const trail = (await clerk.call('audit.list', { dossierId: id }))
      .sort((a, b) => a.seq - b.seq)
      .filter((e) => e.action.startsWith('reception.') && e.action.includes('orrect'));
    expect(trail.map((e) => [e.action, e.actor])).toEqual([
      ['reception.correct', 'Lê Văn Lãnh (lanh)'],
      ['reception.finishCorrection', 'Trần Thị Bình (binh)'],
      ['reception.correct', 'Lê Văn Lãnh (lanh)'],
    ]);
    expect(trail[0]?.detail).toContain('Tờ khai thiếu trang 2');
  });
});
