import { z } from 'zod';
import { call } from '../define';

/**
 * Tài khoản — the people of the station: clerks in shifts (cán bộ), the
 * supervisor (lãnh đạo), the administrator (quản trị). Local accounts; the
 * engine checks the role of every call against the contract.
 */
export const AccountRole = z.enum(['clerk', 'supervisor', 'admin']);
export type AccountRole = z.infer<typeof AccountRole>;

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{2,40}$/, 'a username is 2–40 letters, digits, dots, dashes or underscores');
/** At least 8 characters; the station never stores it, only its scrypt hash. */
export const Password = z.string().min(8).max(200);
/** The short code for a quick switch between clerks after the day's full sign-in. */
export const Pin = z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits');

export const Account = z.object({
  username: z.string(),
  /** Họ tên, as printed on the receipt (cán bộ tiếp nhận). */
  name: z.string(),
  role: AccountRole,
  disabled: z.boolean(),
  hasPin: z.boolean(),
  lastSignInAt: z.string().nullable(),
});
export type Account = z.infer<typeof Account>;

export const Session = z.object({
  token: z.string(),
  account: Account,
  /** The screen locks after this many idle minutes (the engine refuses calls past it until unlocked). */
  idleLockMinutes: z.number().int(),
  /** Problems found in the audit trail, told to a supervisor or administrator at sign-in. */
  auditProblems: z.array(z.string()),
});
export type Session = z.infer<typeof Session>;

export const AccountsStatus = z.object({
  /** False on a new station: the first start asks for the administrator. */
  hasAccounts: z.boolean(),
  /** The account of the caller's session, when it is valid and unlocked. */
  me: Account.nullable(),
  /** The caller's session exists but is locked after idling. */
  locked: z.boolean(),
  /** Who may quick-switch here with a PIN today (signed in fully today, PIN set). */
  quickSwitch: z.array(z.object({ username: z.string(), name: z.string() })),
});
export type AccountsStatus = z.infer<typeof AccountsStatus>;

const NewAccount = z.object({
  username: Username,
  name: z.string().trim().min(2).max(120),
  password: Password,
});

export const accountsCalls = {
  'accounts.status': call(z.object({}), AccountsStatus, 'public'),
  /** First start only: makes the administrator (there is no default password) and signs them in. */
  'accounts.setup': call(NewAccount, Session, 'public'),
  'accounts.signIn': call(
    z.object({ username: Username, password: z.string().min(1).max(200) }),
    Session,
    'public',
  ),
  /** Đổi ca nhanh: another clerk who signed in fully today takes the station with their PIN. */
  'accounts.quickSwitch': call(z.object({ username: Username, pin: Pin }), Session, 'public'),
  /** Opens a session locked after idling, keeping what was on screen: the PIN or the password of its owner. */
  'accounts.unlock': call(z.object({ secret: z.string().min(1).max(200) }), Session, 'public'),
  'accounts.signOut': call(z.object({}), z.object({ ok: z.boolean() }), 'public'),
  /** Khóa màn hình: locks the caller's session at once (Ctrl+L); accounts.unlock opens it. */
  'accounts.lock': call(z.object({}), z.object({ ok: z.boolean() }), 'public'),
  'accounts.setPin': call(z.object({ password: z.string().min(1).max(200), pin: Pin }), Account),
  'accounts.changePassword': call(z.object({ current: z.string().min(1).max(200), next: Password }), Account),
  'accounts.list': call(z.object({}), z.array(Account), 'admin'),
  'accounts.add': call(NewAccount.extend({ role: AccountRole }), Account, 'admin'),
  'accounts.update': call(
    z.object({
      username: Username,
      name: z.string().trim().min(2).max(120).optional(),
      role: AccountRole.optional(),
      disabled: z.boolean().optional(),
      /** A new password set by the administrator (the clerk changes it after). */
      password: Password.optional(),
    }),
    Account,
    'admin',
  ),
} as const;
