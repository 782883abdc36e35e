import type { FeePayment, PaymentStatus } from '../../../shared/api/rooms/payment';
import { StationError } from '../../../shared/api/errors';
import type { Catalog } from '../catalog';
import type { EngineContext } from '../context';
import type { DossierService } from '../dossier/service';
import type { PortalConnector } from '../portal/connector';
import { portalError } from '../portal/errors';
import { portalDate } from '../portal/protocol';
import { portalCode } from '../portal/request';
import type { Settings } from '../settings';
import { VIETQR_NOTE_MAX, vietqrPayload } from '../../../shared/domain/vietqr';

/** What payment needs from the exchange with the portal (the outbox room gives it; see engine/index.ts). */
export interface PaymentPortal {
  /** The portal in use now, configured from the settings; null when none. */
  connector(): PortalConnector | null;
  /** The code the dossier was sent under and whether the portal has it yet; null when not queued. */
  submission(dossierId: string): { code: string | null; onPortal: boolean } | null;
}

interface PaymentRow {
  reference: string;
  amount: number;
  method: 'online' | 'cash';
  state: FeePayment['state'];
  pay_url: string | null;
  receipt: string | null;
  updated_at: string;
}

/**
 * Lệ phí (docs/architecture.md, payment room): the fee of a dossier's procedure, asked online through
 * the portal's payment platform (a link/QR for the citizen) or recorded as cash at the counter.
 */
export class PaymentService {
  constructor(
    private readonly ctx: EngineContext,
    private readonly dossiers: DossierService,
    private readonly catalog: Catalog,
    private readonly settings: Settings,
    private readonly portal: PaymentPortal,
  ) {}

  private get db() {
    return this.ctx.store.db;
  }

  /** The procedure's fee from the catalogue; 0 when free. */
  feeOf(procedureCode: string): number {
    try {
      return this.catalog.get(procedureCode).feeVnd;
    } catch {
      return 0; // a procedure no longer in the catalogue: no fee to ask
    }
  }

  /** Online: a payment request through the portal (link/QR for the citizen). Cash: recorded at once. */
  async request(dossierId: string, method: 'online' | 'cash'): Promise<FeePayment> {
    const d = this.dossiers.get(dossierId);
    const amount = this.feeOf(d.procedureCode);
    if (amount <= 0) throw new StationError('payment_not_needed');
    const existing = this.paymentOf(dossierId);
    if (existing && existing.state !== 'cancelled') return existing;
    const sent = this.portal.submission(dossierId);
    const s = this.settings.get();
    const code = sent?.code ?? portalCode(d, s.agencyCode);
    const reference = `TT-${code}`;
    const now = new Date().toISOString();
    if (method === 'cash') {
      const receipt = JSON.stringify({ SoBienLai: `TM-${code}`, NoiDung: 'Thu tiền mặt tại quầy' });
      this.db
        .prepare(
          `INSERT INTO outbox_payments (reference, dossier_id, amount, method, state, receipt, created_at, updated_at)
           VALUES (?, ?, ?, 'cash', 'paid', ?, ?, ?)
           ON CONFLICT (reference) DO UPDATE SET method = 'cash', state = 'paid', receipt = excluded.receipt, updated_at = excluded.updated_at`,
        )
        .run(reference, dossierId, amount, receipt, now, now);
      this.changed(dossierId);
      return this.paymentOf(dossierId)!;
    }
    const portal = this.portal.connector();
    if (!portal) throw new StationError('portal_not_configured');
    if (!sent?.onPortal) throw new StationError('payment_needs_portal');
    let p;
    try {
      p = await portal.createPayment({
        MaDoiTac: s.paymentPartner || s.agencyCode,
        MaThamChieu: reference,
        MaHoSo: code,
        SoTien: amount,
        DonViTienTe: 'VND',
        MoTa: `Lệ phí hồ sơ ${code}`.slice(0, 200),
        ThoiGian: portalDate(),
      });
    } catch (err) {
      throw portalError(err);
    }
    this.db
      .prepare(
        `INSERT INTO outbox_payments (reference, dossier_id, amount, method, state, pay_url, created_at, updated_at)
         VALUES (?, ?, ?, 'online', 'pending', ?, ?, ?)
         ON CONFLICT (reference) DO UPDATE SET pay_url = excluded.pay_url, updated_at = excluded.updated_at`,
      )
      .run(reference, dossierId, p.SoTien, p.DuongDanThanhToan, now, now);
    this.changed(dossierId);
    return this.paymentOf(dossierId)!;
  }

  /** Asks the portal whether the citizen paid; keeps the receipt when so. */
  async check(dossierId: string): Promise<FeePayment> {
    const mine = this.paymentOf(dossierId);
    if (!mine) throw new StationError('payment_not_found', { id: dossierId });
    if (mine.method === 'cash' || mine.state !== 'pending') return mine;
    const portal = this.portal.connector();
    if (!portal) throw new StationError('portal_not_configured');
    try {
      const p = await portal.getPayment(mine.reference);
      if (p.TrangThai === 'DA_THANH_TOAN') {
        const receipt = await portal.paymentReceipt(mine.reference);
        this.db
          .prepare(
            "UPDATE outbox_payments SET state = 'paid', receipt = ?, updated_at = ? WHERE reference = ?",
          )
          .run(JSON.stringify(receipt), new Date().toISOString(), mine.reference);
      } else if (p.TrangThai === 'HUY') {
        this.db
          .prepare("UPDATE outbox_payments SET state = 'cancelled', updated_at = ? WHERE reference = ?")
          .run(new Date().toISOString(), mine.reference);
      }
    } catch (err) {
      throw portalError(err);
    }
    this.changed(dossierId);
    return this.paymentOf(dossierId)!;
  }

  /** The fee the dossier's procedure asks (0: free) and its latest payment. */
  status(dossierId: string): PaymentStatus {
    const d = this.dossiers.get(dossierId);
    return { feeVnd: this.feeOf(d.procedureCode), payment: this.paymentOf(dossierId) };
  }

  /**
   * A VietQR payload: to the given bank and account, else to the unit's from the settings
   * (only where the unit takes bank transfers). Bad input is refused by the VietQR rules.
   */
  vietqr(p: { amount: number; note?: string; bin?: string; account?: string }): string {
    const s = this.settings.get();
    const own = p.bin === undefined && p.account === undefined;
    const bin = p.bin ?? s.bankBin;
    const account = p.account ?? s.bankAccount;
    if ((own && !s.bankTransferAllowed) || !bin || !account) throw new StationError('vietqr_not_configured');
    return vietqrPayload({ bin, account, amount: p.amount, note: p.note });
  }

  /**
   * The QR the citizen scans to pay the dossier's fee by transfer, the dossier code as its note;
   * null when the unit takes no transfers, the dossier has no code yet, no fee, or it is paid.
   */
  transferQr(dossierId: string): string | null {
    const s = this.settings.get();
    if (!s.bankTransferAllowed || !s.bankBin || !s.bankAccount) return null;
    const d = this.dossiers.get(dossierId);
    const amount = this.feeOf(d.procedureCode);
    if (!d.code || amount <= 0 || this.paymentOf(dossierId)?.state === 'paid') return null;
    try {
      return vietqrPayload({ bin: s.bankBin, account: s.bankAccount, amount, note: transferNote(d.code) });
    } catch {
      return null; // a fee above one transfer's limit: paid another way
    }
  }

  /** The dossier's latest payment, or null. */
  paymentOf(dossierId: string): FeePayment | null {
    const r = this.db
      .prepare('SELECT * FROM outbox_payments WHERE dossier_id = ? ORDER BY created_at DESC LIMIT 1')
      .get(dossierId) as PaymentRow | undefined;
    if (!r) return null;
    const receipt = parseJson(r.receipt) as { SoBienLai?: string } | null;
    return {
      reference: r.reference,
      amount: r.amount,
      method: r.method,
      state: r.state,
      payUrl: r.pay_url,
      receiptNo: receipt?.SoBienLai ?? null,
      paidAt: r.state === 'paid' ? r.updated_at : null,
    };
  }

  /** The outbox screen shows each dossier's payment: it refreshes on the outbox's event. */
  private changed(dossierId: string): void {
    this.ctx.emit('outbox.changed', { dossierId });
  }
}

/** The dossier code as a transfer note: whole when it fits in 25 characters, else without dots, else its end. */
export function transferNote(code: string): string {
  if (code.length <= VIETQR_NOTE_MAX) return code;
  const compact = code.replace(/\./g, '');
  return compact.length <= VIETQR_NOTE_MAX ? compact : compact.slice(-VIETQR_NOTE_MAX);
}

function parseJson(v: string | null): unknown {
  if (v === null) return null;
  try {
    return JSON.parse(v);
  } catch {
    return null;
  }
}
