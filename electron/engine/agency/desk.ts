import type { Result } from '../../../shared/api/contract';
import type { Handover, HandoverLine, PostResult } from '../../../shared/api/rooms/agency';
import type { FileOut } from '../../../shared/api/define';
import { StationError } from '../../../shared/api/errors';
import { formatInstant } from '../../../shared/domain/deadline';
import { normalS10, s10Problem } from '../../../shared/domain/s10';
import type { Catalog } from '../catalog';
import type { DossierService } from '../dossier/service';
import type { FormContext } from '../reception/form-parts';
import type { Settings } from '../settings';
import { type Store, transaction } from '../store';
import type { CounterEvent } from '../../../shared/api/rooms/outbox';
import { fill, textsOf } from '../reception/form-texts';
import { cashbookXlsx, handoverPdf, handoverXlsx } from './papers';
import { type Agencies, assertAgencyCode, type MoneyRow, vnDay } from './service';

/** What the desk needs from the outbox (wired in engine/index.ts). */
export interface DeskOutbox {
  /** When the portal reported the dossier's result; null while none. */
  resolvedAt(dossierId: string): string | null;
  /** Trả kết quả: the hand-over the portal hears of through the queue (status 10). */
  recordReturn(dossierId: string, returnedTo: string): void;
  /** Received dossiers the portal does not have yet. */
  notSent(): number;
  /** A step of the result by post the portal is to hear of (each its own outbox item). */
  eventInTx?(dossierId: string, e: CounterEvent): void;
}

const S10_VI = { shape: 'sai dạng', check_digit: 'sai số kiểm tra', country: 'không phải mã nước VN' };
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const file = (fileName: string, mime: string, bytes: Uint8Array): FileOut => ({
  fileName,
  mime,
  dataBase64: Buffer.from(bytes).toString('base64'),
});
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface PostRow {
  dossier_id: string;
  tracking: string | null;
  state: PostResult['state'];
  at: string;
}

/**
 * The post office's day (docs/architecture.md, agency room): handover lists of the paper originals
 * and their confirmation, the backlog, the cash book, results by post, the end-of-day view, figures.
 */
export class PostDesk {
  constructor(
    private readonly store: Store,
    private readonly settings: Settings,
    private readonly catalog: Catalog,
    private readonly dossiers: DossierService,
    private readonly agencies: Agencies,
    private readonly outbox: DeskOutbox,
    private readonly formContext: () => FormContext,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get db() {
    return this.store.db;
  }

  private today = () => vnDay(this.now().getTime());

  handoverLines(agencyCode: string, day: string): HandoverLine[] {
    return this.agencies.rows({ day, agencyCode }).map((r) => {
      const d = this.dossiers.get(r.dossier_id);
      const components = d.components
        .filter((c) => c.pages.length > 0)
        .map((c) => ({ name: c.name, sheets: c.pages.length }));
      const missing = (d.exceptions ?? []).map(
        (e) => d.components.find((c) => c.code === e.componentCode)?.name ?? e.componentCode,
      );
      const f = textsOf(this.settings.get(), 'post');
      const note = missing.length ? fill(f.noteExcepted, { names: missing.join(', ') }) : '';
      return {
        dossierId: d.id,
        code: d.code ?? '',
        applicantName: d.applicantName,
        procedureName: d.procedureName,
        components,
        sheets: components.reduce((a, c) => a + c.sheets, 0),
        note,
      };
    });
  }

  async handoverList(
    agencyCode: string,
    day: string,
    format: 'pdf' | 'xlsx',
  ): Promise<Result<'agency.handoverList'>> {
    assertAgencyCode(agencyCode);
    const agency = this.agencies.get(agencyCode);
    const lines = this.handoverLines(agencyCode, day);
    if (!lines.length) throw new StationError('handover_nothing', { day, agency: agency.name });
    const s = this.settings.get();
    const head = {
      agencyCode,
      agencyName: agency.name,
      point: s.postalPointName || s.unitName,
      day,
      madeAt: formatInstant(this.now().getTime()),
    };
    const name = `ban-giao_${agencyCode}_${day}`;
    // The post office's own paper: its header names the postal service point.
    const base = this.formContext();
    const ctx = { ...base, settings: { ...base.settings, unitName: head.point } };
    return {
      lines,
      file:
        format === 'pdf'
          ? file(`${name}.pdf`, 'application/pdf', await handoverPdf(ctx, head, lines))
          : file(`${name}.xlsx`, XLSX, await handoverXlsx(ctx, head, lines)),
    };
  }

  handover(agencyCode: string, day: string): Handover | null {
    const row = this.db
      .prepare('SELECT * FROM agency_handovers WHERE agency_code = ? AND day = ?')
      .get(agencyCode, day) as
      { confirmed_at: string; confirmed_by: string; scan_name: string | null } | undefined;
    if (!row) return null;
    return {
      agencyCode,
      day,
      dossiers: this.agencies.rows({ day, agencyCode }).length,
      confirmedAt: row.confirmed_at,
      confirmedBy: row.confirmed_by,
      scanName: row.scan_name,
    };
  }

  confirm(
    agencyCode: string,
    day: string,
    by: string,
    scan?: { name: string; dataBase64: string },
  ): Handover {
    assertAgencyCode(agencyCode);
    const agency = this.agencies.get(agencyCode);
    if (!this.agencies.rows({ day, agencyCode }).length)
      throw new StationError('handover_nothing', { day, agency: agency.name });
    const bytes = scan ? Buffer.from(scan.dataBase64, 'base64') : null;
    if (scan && !bytes?.length) throw new StationError('file_empty', { name: scan.name });
    const blob = bytes ? this.store.blobs.put(bytes) : null;
    this.db
      .prepare(
        `INSERT INTO agency_handovers (agency_code, day, confirmed_at, confirmed_by, scan_name, scan_blob) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (agency_code, day) DO UPDATE SET confirmed_at = excluded.confirmed_at, confirmed_by = excluded.confirmed_by,
         scan_name = COALESCE(excluded.scan_name, scan_name), scan_blob = COALESCE(excluded.scan_blob, scan_blob)`,
      )
      .run(agencyCode, day, formatInstant(this.now().getTime()), by, scan?.name ?? null, blob);
    return this.handover(agencyCode, day)!;
  }

  /** Dossiers whose originals are still at the post office after the agency's agreed days. */
  backlog(): Result<'agency.backlog'> {
    const today = this.today();
    const days = new Map(this.agencies.list().map((a) => [a.code, a.handoverDays]));
    return this.agencies
      .rows({})
      .filter((r) => !this.handover(r.agency_code, r.day))
      .map((r) => ({ r, due: addDays(r.day, days.get(r.agency_code) ?? 1) }))
      .filter(({ due }) => due < today)
      .map(({ r, due }) => {
        const d = this.dossiers.get(r.dossier_id);
        return {
          dossierId: d.id,
          code: d.code ?? '',
          agencyCode: r.agency_code,
          applicantName: d.applicantName,
          receivedAt: r.received_at,
          dueDay: due,
        };
      });
  }

  async cashbook(day: string, agencyCode?: string): Promise<Result<'agency.cashbook'>> {
    if (agencyCode) {
      assertAgencyCode(agencyCode);
      this.agencies.get(agencyCode);
    }
    const lines = this.agencies.rows({ day, agencyCode }).map((r) => this.agencies.money(r));
    const f = this.formContext();
    const agency = agencyCode ? this.agencies.get(agencyCode).name : textsOf(f.settings, 'post').cashAll;
    const bytes = await cashbookXlsx(
      f,
      { day, agency, closedAt: formatInstant(this.now().getTime()).slice(0, 16).replace('T', ' ') },
      lines,
      (code) => this.catalog.list().find((p) => p.code === code)?.name ?? code,
    );
    return {
      lines,
      total: lines.reduce((a, l) => a + l.total, 0),
      file: file(`so-thu_${agencyCode ?? 'tat-ca'}_${day}.xlsx`, XLSX, bytes),
    };
  }

  private postRow(dossierId: string): PostRow | null {
    return (
      (this.db.prepare('SELECT * FROM agency_post WHERE dossier_id = ?').get(dossierId) as
        PostRow | undefined) ?? null
    );
  }

  private postResult(dossierId: string): PostResult {
    const d = this.dossiers.get(dossierId);
    const row = this.postRow(dossierId);
    return {
      dossierId,
      code: d.code ?? '',
      applicantName: d.applicantName,
      address: d.deliveryAddress ?? d.applicant?.address ?? '',
      agencyCode: this.agencies.moneyRow(dossierId)?.agency_code ?? this.settings.get().agencyCode,
      resolvedAt: this.outbox.resolvedAt(dossierId),
      tracking: row?.tracking ?? null,
      state: row?.state ?? 'waiting',
      at: row?.at ?? null,
    };
  }

  /** Trả kết quả qua bưu chính: dossiers by post whose result came, and those on their way. */
  postResults(): PostResult[] {
    const rows = this.db
      .prepare(`SELECT id FROM dossiers WHERE reception LIKE '%"resultMethod":"post"%' ORDER BY received_at`)
      .all() as { id: string }[];
    return rows
      .map((r) => this.postResult(r.id))
      .filter((p) => p.resolvedAt !== null || p.state !== 'waiting');
  }

  recordPost(dossierId: string, step: 'tracking' | 'delivered' | 'returned', tracking?: string): PostResult {
    const d = this.dossiers.get(dossierId);
    if (d.resultMethod !== 'post') throw new StationError('post_not_by_post', { code: d.code ?? d.id });
    const cur = this.postResult(dossierId);
    const at = formatInstant(this.now().getTime());
    const notReady = () => new StationError('post_result_not_ready', { code: d.code ?? d.id });
    if (step === 'tracking') {
      if (!tracking?.trim()) throw new StationError('post_tracking_missing');
      const problem = s10Problem(tracking);
      if (problem) throw new StationError('s10_invalid', { tracking, problem: S10_VI[problem] });
      if (!cur.resolvedAt || (cur.state !== 'waiting' && cur.state !== 'with_delivery')) throw notReady();
      this.posted(dossierId, normalS10(tracking), 'with_delivery', at, 'sent');
    } else {
      if (cur.state !== 'with_delivery') throw notReady();
      // Delivered: the hand-over reaches the portal through the outbox (status 10).
      if (step === 'delivered') this.outbox.recordReturn(dossierId, `Bưu chính — bưu gửi ${cur.tracking}`);
      this.posted(dossierId, cur.tracking, step, at, step);
    }
    return this.postResult(dossierId);
  }

  /** Records a step of the result by post and, in the same transaction, queues it for the portal. */
  private posted(
    dossierId: string,
    tracking: string | null,
    state: PostResult['state'],
    at: string,
    postState: 'sent' | 'delivered' | 'returned',
  ): void {
    transaction(this.db, () => {
      this.setPost(dossierId, tracking, state, at);
      const what = { sent: 'Giao bưu gửi cho bưu tá', delivered: 'Đã phát', returned: 'Chuyển hoàn' }[
        postState
      ];
      this.outbox.eventInTx?.(dossierId, {
        kind: 'result_post',
        at,
        actor: '',
        content: `${what}: ${tracking ?? ''}`,
        tracking: tracking ?? undefined,
        postState,
      });
    });
  }

  private setPost(dossierId: string, tracking: string | null, state: PostResult['state'], at: string): void {
    this.db
      .prepare(
        `INSERT INTO agency_post (dossier_id, tracking, state, at) VALUES (?, ?, ?, ?)
         ON CONFLICT (dossier_id) DO UPDATE SET tracking = excluded.tracking, state = excluded.state, at = excluded.at`,
      )
      .run(dossierId, tracking, state, at);
  }

  endOfDay(day = this.today()): Result<'agency.endOfDay'> {
    const s = this.settings.get();
    const hhmm = formatInstant(this.now().getTime()).slice(11, 16);
    const agencies = this.agencies.list().map((a) => {
      const money = this.agencies.rows({ day, agencyCode: a.code }).map((r) => this.agencies.money(r));
      const sum = (m: 'cash' | 'online') =>
        money.filter((x) => x.payMethod === m).reduce((acc, x) => acc + x.total, 0);
      return {
        agencyCode: a.code,
        agencyName: a.name,
        toHandOver: money.length,
        handover: this.handover(a.code, day),
        cash: sum('cash'),
        online: sum('online'),
      };
    });
    return {
      day,
      notSent: this.outbox.notSent(),
      uploadWindowFrom: s.uploadWindowFrom,
      uploadOpen: !s.uploadWindowFrom || hhmm >= s.uploadWindowFrom,
      agencies,
      backlog: this.backlog(),
    };
  }

  figures(from: string, to: string, agencyCode?: string): Result<'agency.figures'> {
    const names = new Map(this.agencies.list().map((a) => [a.code, a.name]));
    const groups = new Map<string, MoneyRow[]>();
    for (const r of this.agencies.rows({ from, to, agencyCode }))
      groups.set(r.agency_code, [...(groups.get(r.agency_code) ?? []), r]);
    return [...groups]
      .sort(([x], [y]) => x.localeCompare(y))
      .map(([code, rows]) => {
        const handed = rows.filter((r) => this.handover(code, r.day)).length;
        const post = rows.map((r) => this.postResult(r.dossier_id));
        const byPost = rows.filter((r) => this.dossiers.get(r.dossier_id).resultMethod === 'post').length;
        return {
          agencyCode: code,
          agencyName: names.get(code) ?? code,
          received: rows.length,
          handedOver: handed,
          notHandedOver: rows.length - handed,
          byPost,
          delivered: post.filter((p) => p.state === 'delivered').length,
          fees: rows.reduce((a, r) => a + r.fee, 0),
          postalCharges: rows.reduce((a, r) => a + r.pickup + r.return_charge, 0),
        };
      });
  }
}
