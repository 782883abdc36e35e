import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PURGED_NAME } from '../../shared/api/rooms/privacy';
import { fileSafe } from '../../shared/domain/text';
import { createEngine, type Engine } from '../../electron/engine';
import { ALL_MIGRATIONS } from '../../electron/engine/schema';
import { openDb } from '../../electron/engine/store/db';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { type Sandbox, startSandbox } from '../../electron/engine/training';
import { page, PROCEDURE, waitFor } from '../outbox/fixtures';
import { tempDir } from '../helpers/tmp';

/**
 * The personal data lifecycle (docs/architecture.md, privacy): dossiers received with the
 * citizen's consent, sent to the built-in training portal, handed over, then purged after
 * the retention — the details and the files gone, the record kept.
 */

const BIN = fileURLToPath(new URL('../../bin/sohoa.mjs', import.meta.url));
const DAY = 86_400_000;
const CCCD_A = '049190001234';
const CCCD_B = '049185007777';
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ dataDir: tempDir('sohoa-sandbox-'), advanceMs: 100 });
});
afterAll(async () => {
  await sandbox.close();
});

type Client = ReturnType<typeof connectInProcess>;

function station(dataDir: string, privacy: Parameters<typeof createEngine>[0]['privacy'] = {}) {
  const engine: Engine = createEngine({
    dataDir,
    imaging: { ocr: false },
    outbox: { baseBackoffMs: 30, maxBackoffMs: 300, statusPollMs: 100 },
    privacy,
  });
  const client = connectInProcess(engine);
  return {
    engine,
    client,
    close() {
      client.dispose();
      engine.close();
    },
  };
}

/** A citizen's dossier, received at the counter with consent to submit online. */
async function receive(c: Client, cccd: string, name: string, seed: number) {
  const d = await c.call('dossier.create', { procedureCode: PROCEDURE, applicantName: 'tạm' });
  await c.call('reception.setApplicant', {
    dossierId: d.id,
    applicant: { kind: 'person', name, idNumber: cccd, phone: '0905123456', address: 'Thôn 3, Tam Xuân' },
  });
  const scans: Buffer[] = [];
  for (const [i, code] of ['TK', 'GBT'].entries()) {
    const png = await page(seed * 2 + i);
    scans.push(png);
    await c.call('dossier.addPages', {
      dossierId: d.id,
      componentCode: code,
      files: [{ name: `${code}.png`, dataBase64: png.toString('base64') }],
    });
  }
  const received = await c.call('reception.receive', { dossierId: d.id, consent: { how: 'checkbox' } });
  return { id: d.id, code: received.code!, scans };
}

/** Sends everything, waits for the dossier's result, records the hand-over and waits for the portal's status 10. */
async function handOver(c: Client, dossierId: string) {
  await c.call('outbox.sync', { portalUrl: sandbox.url, untilEmpty: true, timeoutMs: 30_000 });
  await waitFor('the result', async () =>
    (await c.call('outbox.overview', {})).items.find(
      (i) => i.dossierId === dossierId && i.state === 'result_ready',
    ),
  );
  await c.call('outbox.recordReturn', { dossierId, returnedTo: 'Người nhận' });
  await waitFor('the portal acknowledged the hand-over', async () =>
    (await c.call('outbox.overview', {})).items
      .filter((i) => i.dossierId === dossierId)
      .every((i) => i.state === 'done'),
  );
}

const blobFile = (dir: string, id: string) => path.join(dir, 'blobs', id.slice(0, 2), id.slice(2));

function rows(dir: string, dossierId: string) {
  const db = openDb(path.join(dir, 'station.db'), ALL_MIGRATIONS);
  try {
    const one = (sql: string) => db.prepare(sql).get(dossierId) as Record<string, unknown> | undefined;
    return {
      dossier: one('SELECT * FROM dossiers WHERE id = ?')!,
      pages: (one('SELECT COUNT(*) AS n FROM pages WHERE dossier_id = ?')!.n as number) ?? 0,
      pdfs: one('SELECT COUNT(*) AS n FROM component_pdfs WHERE dossier_id = ?')!.n as number,
      sent: db
        .prepare(
          'SELECT f.sha256, f.size, f.blob FROM outbox_files f JOIN outbox_items i ON i.id = f.item_id WHERE i.dossier_id = ?',
        )
        .all(dossierId) as { sha256: string; size: number; blob: string }[],
    };
  } finally {
    db.close();
  }
}

describe('the personal data lifecycle', { timeout: 180_000 }, () => {
  it('purges the files, then the details, after their retention; keeps the record; a dry run changes nothing', async () => {
    const dir = tempDir();
    const clock = { now: new Date() };
    const st = station(dir, { now: () => clock.now });
    try {
      const c = st.client;
      const a = await receive(c, CCCD_A, 'Nguyễn Thị Lan', 1);
      const b = await receive(c, CCCD_B, 'Trần Văn Bảy', 2);
      await handOver(c, a.id);

      // A is handed over: due at hand-over + 30 days (files) and + 90 days (details). B waits for its citizen.
      const plan = await c.call('privacy.plan', {});
      const pa = plan.dossiers.find((d) => d.dossierId === a.id)!;
      const pb = plan.dossiers.find((d) => d.dossierId === b.id)!;
      expect(pa.held).toBeNull();
      const handed = Date.parse(pa.handedOverAt!);
      expect(pa.due).toEqual([
        { kind: 'applicant', at: new Date(handed + 90 * DAY).toISOString() },
        { kind: 'files', at: new Date(handed + 30 * DAY).toISOString() },
      ]);
      expect(pb).toMatchObject({ held: 'not_handed_over', due: [] });
      expect((await c.call('privacy.purge', {})).purged).toEqual([]);

      const before = rows(dir, a.id);
      expect(before.pages).toBe(2);
      expect(before.pdfs).toBe(2);
      const sentBlobs = before.sent.map((f) => f.blob);
      const aBlobs = [...a.scans.map(sha), ...sentBlobs];
      for (const id of aBlobs) expect(fs.existsSync(blobFile(dir, id))).toBe(true);

      // 31 days on: the files are due, the details not yet. A dry run says so and changes nothing.
      clock.now = new Date(handed + 31 * DAY);
      const dry = await c.call('privacy.purge', { dryRun: true });
      expect(dry.purged).toEqual([
        expect.objectContaining({ dossierId: a.id, kinds: ['files'], pages: 2, pdfs: 2 }),
      ]);
      expect(rows(dir, a.id)).toEqual(before);
      for (const id of aBlobs) expect(fs.existsSync(blobFile(dir, id))).toBe(true);

      const files = await c.call('privacy.purge', {});
      expect(files.purged).toEqual([
        expect.objectContaining({ dossierId: a.id, kinds: ['files'], pages: 2, pdfs: 2 }),
      ]);
      expect(files.held).toContainEqual({ dossierId: b.id, code: b.code, reason: 'not_handed_over' });
      const mid = rows(dir, a.id);
      expect([mid.pages, mid.pdfs]).toEqual([0, 0]);
      for (const id of aBlobs) expect(fs.existsSync(blobFile(dir, id))).toBe(false);
      // B's scans and PDFs are untouched; A's details are still there.
      for (const id of b.scans.map(sha)) expect(fs.existsSync(blobFile(dir, id))).toBe(true);
      expect((await c.call('dossier.get', { dossierId: a.id })).applicant).toMatchObject({ idNumber: CCCD_A });

      // 91 days on: the details go too.
      clock.now = new Date(handed + 91 * DAY);
      const details = await c.call('privacy.purge', {});
      expect(details.purged).toEqual([expect.objectContaining({ dossierId: a.id, kinds: ['applicant'] })]);
      const after = rows(dir, a.id);
      expect(after.dossier.applicant).toBeNull();
      expect(after.dossier.applicant_name).toBe(PURGED_NAME);
      // The record stays: code, dates, status, and the hashes and sizes of what was sent.
      for (const k of ['code', 'received_at', 'appointment_at', 'status', 'created_at'])
        expect(after.dossier[k]).toEqual(before.dossier[k]);
      expect(after.sent).toEqual(before.sent);

      // A purged dossier reads fine everywhere, and says what was removed.
      const d = await c.call('dossier.get', { dossierId: a.id });
      expect(d).toMatchObject({ code: a.code, applicant: null, applicantName: PURGED_NAME, pageCount: 0 });
      expect(d.purged?.applicantAt).toBeTruthy();
      expect(d.purged?.filesAt).toBeTruthy();
      expect(d.components.every((x) => x.pages.length === 0 && x.pdf === null)).toBe(true);
      expect((await c.call('dossier.list', {})).find((x) => x.id === a.id)?.applicantName).toBe(PURGED_NAME);
      const receipt = await c.call('reception.receipt', { dossierId: a.id });
      expect(Buffer.from(receipt.dataBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
      await c.call('reports.figures', {});
      const overview = await c.call('outbox.overview', {});
      expect(overview.items.find((i) => i.dossierId === a.id && i.kind === 'submit')?.files).toHaveLength(2);

      // The audit trail: one entry per purge of the dossier, counts only; the trail still verifies.
      const trail = await c.call('audit.list', { dossierId: a.id });
      const purges = trail.filter((e) => e.action === 'privacy.purge');
      expect(purges).toHaveLength(2);
      expect(JSON.parse(purges[1]!.detail)).toMatchObject({ kinds: ['files'], pages: 2, pdfs: 2 });
      for (const e of trail) expect(e.detail).not.toContain(CCCD_A);
      const calls = (await c.call('audit.list', {})).filter(
        (e) => e.action === 'privacy.purge' && e.dossierId === null,
      );
      expect(calls.length).toBe(3); // the three purges, not the dry run
      expect((await c.call('audit.verify', {})).intact).toBe(true);

      // The export: B's dossier and PDFs, nothing of A (whose details are gone).
      const ex = await c.call('privacy.export', { applicantId: CCCD_B });
      expect(ex.dossiers).toBe(1);
      const json = Buffer.from(ex.files[0]!.dataBase64, 'base64').toString('utf8');
      expect(ex.files[0]!.name).toBe('dossiers.json');
      expect(json).toContain(CCCD_B);
      expect(json).not.toContain(CCCD_A);
      expect(json).not.toContain(a.id);
      const pdfs = ex.files.slice(1);
      expect(pdfs).toHaveLength(2);
      for (const f of pdfs) {
        expect(f.name.startsWith(fileSafe(b.code))).toBe(true);
        expect(Buffer.from(f.dataBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
      }
      expect((await c.call('privacy.export', { applicantId: CCCD_A })).dossiers).toBe(0);
    } finally {
      st.close();
    }
  });
});
