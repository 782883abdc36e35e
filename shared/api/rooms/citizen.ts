import { z } from 'zod';
import { call, citizenCall, DossierRef, Id } from '../define';
import { RatingInput } from './feedback';

/**
 * Màn hình người dân — the citizen screen (docs/architecture.md, "Citizen screen"): a second
 * screen turned to the citizen, following the dossier on the clerk's screen. The engine builds
 * what it shows from citizen-safe fields only; nothing on it acts on the station but the rating
 * and the look-up, through a channel that may make no other call and hears no other event.
 */

/** Who the unit is and how to reach it, on every view. */
export const CitizenUnit = z.object({
  name: z.string(),
  hotline: z.string(),
  switchboard: z.string(),
  lookupUrl: z.string(),
});

/** One component as the citizen sees it: its name, whether it has its pages, how many. */
export const CitizenComponent = z.object({
  name: z.string(),
  required: z.boolean(),
  pages: z.number().int().min(0),
  done: z.boolean(),
  /** A required component received without pages, with the clerk's recorded reason. */
  excepted: z.boolean(),
});
export type CitizenComponent = z.infer<typeof CitizenComponent>;

/** Lệ phí as the citizen sees it, and how to pay it: a VietQR transfer, or the portal's payment link. */
export const CitizenFee = z.object({
  feeVnd: z.number().int().min(0),
  /** Cước chuyển phát kết quả qua bưu chính (0: not offered). */
  postalChargeVnd: z.number().int().min(0),
  paid: z.boolean(),
  /** A VietQR payload for the fee, the dossier code as its note (only once the dossier has its code). */
  vietqr: z.object({ payload: z.string(), bankBin: z.string(), accountName: z.string() }).nullable(),
  /** The portal's payment link (online payment asked by the clerk), shown as a QR. */
  payUrl: z.string().nullable(),
});
export type CitizenFee = z.infer<typeof CitizenFee>;

const DossierView = z.object({
  unit: CitizenUnit,
  /** Changes with every dossier shown: a rating names the view it was given on. */
  key: z.string(),
  procedureName: z.string(),
  /** The applicant's ID number (CCCD) or tax code, masked: 0•••••••••34; null when none. */
  applicantId: z.string().nullable(),
  components: z.array(CitizenComponent),
  /** Names of the required components still without pages (and without a recorded reason). */
  missing: z.array(z.string()),
  pageCount: z.number().int().min(0),
  fee: CitizenFee,
});

export const CitizenView = z.discriminatedUnion('phase', [
  /** Nobody at the counter: the unit, the hotline and 1022, how to look a dossier up. */
  z.object({ phase: z.literal('idle'), unit: CitizenUnit }),
  /** The dossier being scanned: the components ticked as their pages arrive. */
  DossierView.extend({ phase: z.literal('reception') }),
  /** Received: the code, the appointment, the receipt's look-up QR; then the rating. */
  DossierView.extend({
    phase: z.literal('received'),
    code: z.string(),
    receivedAt: z.string(),
    appointmentAt: z.string().nullable(),
    /** What the receipt's QR holds (the code and the look-up link). */
    lookupQr: z.string(),
    /** Whether this dossier has its rating already (one per dossier). */
    rated: z.boolean(),
  }),
  /** The rating was stored: a thank-you, then back to idle. */
  z.object({ phase: z.literal('thanks'), unit: CitizenUnit }),
]);
export type CitizenView = z.infer<typeof CitizenView>;

/** Tra cứu: what the station knows of a dossier by its code — the procedure and dates, nothing personal. */
export const CitizenLookup = z.discriminatedUnion('found', [
  z.object({ found: z.literal(false), code: z.string() }),
  z.object({
    found: z.literal(true),
    code: z.string(),
    procedureName: z.string(),
    status: z.enum(['received', 'processing', 'awaiting_completion', 'result_ready', 'returned', 'closed']),
    receivedAt: z.string(),
    appointmentAt: z.string().nullable(),
  }),
]);
export type CitizenLookup = z.infer<typeof CitizenLookup>;

/** For the clerk: citizen screens connected, the dossier shown (null: idle), and a pairing code when one is open. */
export const CitizenStatus = z.object({
  connected: z.number().int().min(0),
  showing: Id.nullable(),
});
export type CitizenStatus = z.infer<typeof CitizenStatus>;

export const citizenCalls = {
  /** The clerk's screen shows this dossier to the citizen (the reception flow follows it). */
  'citizen.show': call(DossierRef, CitizenStatus),
  /** Nothing for the citizen to see: the idle screen. */
  'citizen.idle': call(z.object({}), CitizenStatus),
  'citizen.status': call(z.object({}), CitizenStatus),
  /**
   * Web mode: a 6-digit code for pairing a `/citizen` page with this station, single use,
   * valid 5 minutes; a new one replaces the last.
   */
  'citizen.pairingCode': call(
    z.object({}),
    z.object({ code: z.string().regex(/^\d{6}$/), expiresAt: z.string() }),
  ),
  /** The citizen screen: what to show now. */
  'citizen.current': citizenCall(z.object({}), CitizenView),
  /** The citizen's rating of the dossier on the screen (`key`: the view it was given on). */
  'citizen.rate': citizenCall(z.object({ key: z.string().min(1).max(64), rating: RatingInput }), CitizenView),
  /** Tra cứu at the idle screen: by the code typed or read from the receipt's QR. */
  'citizen.lookup': citizenCall(z.object({ code: z.string().trim().min(1).max(300) }), CitizenLookup),
} as const;

export const citizenEvents = {
  /** To citizen screens only: what to show now. */
  'citizen.view': CitizenView,
  /** To the clerk's screens: a citizen screen connected or left, or the dossier shown changed. */
  'citizen.status': CitizenStatus,
} as const;
