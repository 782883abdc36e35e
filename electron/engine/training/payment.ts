/**
 * Fee payment, simulated: POST /thanh-toan opens a payment (its check code verified
 * with the payment secret), GET /thanh-toan/:ref reads it, …/bien-lai gives the receipt
 * once paid — through the pay page (/sandbox/pay/:ref, ./pages.ts) or by itself
 * after `autoPayMs`.
 */
import crypto from 'node:crypto';
import {
  ErrorCodes,
  type Payment,
  paymentCheckCode,
  type PaymentReceipt,
  PaymentRequest,
  portalDate,
} from '../portal/protocol';
import { parseBody, type Route } from './routes';
import { dossierRow, HttpError, type PaymentRow, type SandboxState } from './state';

export function markPaid(s: SandboxState, ref: string): void {
  const no = `BL-${String(Date.now()).slice(-8)}-${crypto.randomInt(1000, 9999)}`;
  s.db
    .prepare(
      "UPDATE payments SET state = 'DA_THANH_TOAN', paid_at = ?, receipt_no = ? WHERE ref = ? AND state = 'CHO_THANH_TOAN'",
    )
    .run(Date.now(), no, ref);
}

/** The payment (404 if unknown), paid by itself first when `autoPayMs` has passed. */
export function paymentRow(s: SandboxState, ref: string): PaymentRow {
  let p = s.db.prepare('SELECT * FROM payments WHERE ref = ?').get(ref) as PaymentRow | undefined;
  if (!p) throw new HttpError(404, ErrorCodes.notFound, `Không tìm thấy giao dịch ${ref}`);
  if (p.state === 'CHO_THANH_TOAN' && s.autoPayMs > 0 && Date.now() - p.created_at >= s.autoPayMs) {
    markPaid(s, ref);
    p = s.db.prepare('SELECT * FROM payments WHERE ref = ?').get(ref) as unknown as PaymentRow;
  }
  return p;
}

const paymentView = (s: SandboxState, p: PaymentRow): Payment => ({
  MaThamChieu: p.ref,
  MaGiaoDich: p.txn,
  MaHoSo: p.code,
  SoTien: p.amount,
  TrangThai: p.state,
  DuongDanThanhToan: `${s.baseUrl}/sandbox/pay/${encodeURIComponent(p.ref)}`,
  NgayThanhToan: p.paid_at ? portalDate(new Date(p.paid_at)) : null,
});

export const paymentRoutes: Route[] = [
  {
    method: 'POST',
    path: '/thanh-toan',
    handle: (s, r) => {
      const p = parseBody(r, PaymentRequest);
      const { MaKiemTra, ...fields } = p;
      if (paymentCheckCode(fields, s.paymentSecret) !== MaKiemTra)
        throw new HttpError(400, ErrorCodes.badCheckCode, 'Mã kiểm tra không đúng');
      dossierRow(s, p.MaHoSo);
      s.db
        .prepare(
          `INSERT INTO payments (ref, txn, code, amount, description, state, created_at) VALUES (?, ?, ?, ?, ?, 'CHO_THANH_TOAN', ?)
         ON CONFLICT (ref) DO NOTHING`,
        )
        .run(
          p.MaThamChieu,
          `GD${Date.now()}${crypto.randomInt(100, 999)}`,
          p.MaHoSo,
          p.SoTien,
          p.MoTa,
          Date.now(),
        );
      return paymentView(s, paymentRow(s, p.MaThamChieu));
    },
  },
  {
    method: 'GET',
    path: /^\/thanh-toan\/([^/]+)$/,
    handle: (s, _r, [ref]) => paymentView(s, paymentRow(s, ref!)),
  },
  {
    method: 'GET',
    path: /^\/thanh-toan\/([^/]+)\/bien-lai$/,
    handle: (s, _r, [ref]) => {
      const p = paymentRow(s, ref!);
      if (p.state !== 'DA_THANH_TOAN' || !p.paid_at || !p.receipt_no)
        throw new HttpError(409, ErrorCodes.badRequest, 'Giao dịch chưa được thanh toán');
      const receipt: PaymentReceipt = {
        SoBienLai: p.receipt_no,
        MaThamChieu: p.ref,
        MaHoSo: p.code,
        SoTien: p.amount,
        NgayThanhToan: portalDate(new Date(p.paid_at)),
        NoiDung: p.description,
      };
      return receipt;
    },
  },
];
