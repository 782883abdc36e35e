import type { Account, AccountRole, AccountsStatus, Session } from '../../../shared/api/rooms/accounts';
import { type Role, roleRank } from '../../../shared/api/define';
import { StationError } from '../../../shared/api/errors';
import { ROLE_LABEL } from '../../../shared/i18n/roles';
import type { Caller } from '../context';
import type { Settings } from '../settings';
import type { Db } from '../store';
import { hashSecret, verifySecret } from './passwords';
import { Sessions } from './sessions';

interface Row {
  username: string;
  name: string;
  role: AccountRole;
  password: string;
  pin: string | null;
  disabled: number;
  failed: number;
  blocked_until: number;
  full_sign_in_day: string | null;
  last_sign_in_at: string | null;
  certificate: string | null;
}

/** Wrong attempts allowed before the wait starts; the wait doubles with each further one. */
const FREE_ATTEMPTS = 5;
const FIRST_WAIT_MS = 30_000;
const MAX_WAIT_MS = 30 * 60_000;

/** The local day at the counter (Vietnam), for "signed in fully today". */
const localDay = (t: number) => new Date(t).toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });

/**
 * Tài khoản: local accounts (scrypt, per-user salt), sign-in with a growing
 * wait after five wrong attempts, the quick switch by PIN after the day's full
 * sign-in, the idle lock, and the check of every call's role.
 */
export class Accounts {
  private readonly sessions: Sessions;

  constructor(
    private readonly db: Db,
    private readonly settings: Settings,
    /** Problems the audit trail has (told to supervisors at sign-in). */
    private readonly auditProblems: () => string[] = () => [],
    private readonly now: () => number = () => Date.now(),
  ) {
    this.sessions = new Sessions(now);
  }

  hasAccounts(): boolean {
    return this.db.prepare('SELECT 1 FROM accounts LIMIT 1').get() !== undefined;
  }

  /**
   * Who is calling, checked against the role the call needs. A station without
   * accounts yet works as before (scripts, the first-start wizard): the caller is
   * the station itself. Throws auth_required / auth_locked / auth_forbidden.
   */
  authorize(required: Role, token: string | undefined): Caller {
    if (!this.hasAccounts())
      return { username: null, name: this.settings.get().officerName, role: 'admin', session: null };
    const s = this.sessions.peek(token, this.idleMs());
    const row = s ? this.row(s.username) : undefined;
    if (required === 'public') {
      return row && s && !s.locked
        ? { username: row.username, name: row.name, role: row.role, session: token ?? null }
        : { username: null, name: '', role: null, session: token ?? null };
    }
    if (!s || !row) throw new StationError('auth_required');
    if (row.disabled) throw new StationError('auth_disabled', { username: row.username });
    if (s.locked) throw new StationError('auth_locked');
    if (roleRank(row.role) < roleRank(required))
      throw new StationError('auth_forbidden', { role: ROLE_LABEL[required] });
    this.sessions.touch(token!);
    return { username: row.username, name: row.name, role: row.role, session: token! };
  }

  status(token: string | undefined): AccountsStatus {
    const has = this.hasAccounts();
    const s = has ? this.sessions.peek(token, this.idleMs()) : null;
    const row = s ? this.row(s.username) : undefined;
    const today = localDay(this.now());
    const quick = this.db
      .prepare(
        'SELECT username, name FROM accounts WHERE disabled = 0 AND pin IS NOT NULL AND full_sign_in_day = ? ORDER BY name',
      )
      .all(today) as { username: string; name: string }[];
    return {
      hasAccounts: has,
      me: row && s && !s.locked ? toAccount(row) : null,
      locked: Boolean(row && s?.locked),
      quickSwitch: quick.map((q) => ({ username: q.username, name: q.name })),
    };
  }

  async setup(username: string, name: string, password: string): Promise<Session> {
    if (this.hasAccounts()) throw new StationError('accounts_exist');
    await this.insert(username, name, 'admin', password);
    return this.signIn(username, password);
  }

  async add(username: string, name: string, role: AccountRole, password: string): Promise<Account> {
    if (this.row(username)) throw new StationError('account_exists', { username });
    await this.insert(username, name, role, password);
    return toAccount(this.mustRow(username));
  }

  list(): Account[] {
    return (this.db.prepare('SELECT * FROM accounts ORDER BY role, name').all() as unknown as Row[]).map(
      toAccount,
    );
  }

  async update(
    username: string,
    change: { name?: string; role?: AccountRole; disabled?: boolean; password?: string },
  ): Promise<Account> {
    const row = this.mustRow(username);
    const losesAdmin =
      row.role === 'admin' && ((change.role && change.role !== 'admin') || change.disabled === true);
    if (losesAdmin && this.adminCount() <= 1) throw new StationError('account_last_admin');
    const password = change.password ? await hashSecret(change.password) : row.password;
    this.db
      .prepare(
        'UPDATE accounts SET name = ?, role = ?, disabled = ?, password = ?, failed = 0, blocked_until = 0 WHERE username = ?',
      )
      .run(
        change.name ?? row.name,
        change.role ?? row.role,
        change.disabled === undefined ? row.disabled : Number(change.disabled),
        password,
        username,
      );
    if (change.disabled || change.password || change.role) this.sessions.closeAllOf(username);
    return toAccount(this.mustRow(username));
  }

  async signIn(username: string, password: string): Promise<Session> {
    const row = await this.checkSecret(username, password, 'password');
    const now = this.now();
    this.db
      .prepare('UPDATE accounts SET full_sign_in_day = ?, last_sign_in_at = ? WHERE username = ?')
      .run(localDay(now), new Date(now).toISOString(), username);
    return this.session(this.sessions.open(row.username), row.username);
  }

  async quickSwitch(username: string, pin: string, previous: string | null): Promise<Session> {
    const row = this.row(username);
    if (!row || !row.pin || row.full_sign_in_day !== localDay(this.now()))
      throw new StationError('auth_pin_unavailable', { username });
    await this.checkSecret(username, pin, 'pin');
    this.sessions.close(previous);
    this.db
      .prepare('UPDATE accounts SET last_sign_in_at = ? WHERE username = ?')
      .run(new Date(this.now()).toISOString(), username);
    return this.session(this.sessions.open(username), username);
  }

  /** Opens the caller's locked session with its owner's PIN or password; the token stays the same. */
  async unlock(token: string | null, secret: string): Promise<Session> {
    const s = this.sessions.peek(token, this.idleMs());
    if (!s || !token) throw new StationError('auth_required');
    const row = this.mustRow(s.username);
    const kind = row.pin && /^\d{4,8}$/.test(secret) ? 'pin' : 'password';
    await this.checkSecret(row.username, secret, kind);
    this.sessions.unlock(token);
    return this.session(token, row.username);
  }

  signOut(token: string | null): boolean {
    return this.sessions.close(token);
  }

  lock(token: string | null): boolean {
    return this.sessions.lock(token);
  }

  async setPin(username: string, password: string, pin: string): Promise<Account> {
    await this.checkSecret(username, password, 'password');
    this.db.prepare('UPDATE accounts SET pin = ? WHERE username = ?').run(await hashSecret(pin), username);
    return toAccount(this.mustRow(username));
  }

  async changePassword(username: string, current: string, next: string): Promise<Account> {
    await this.checkSecret(username, current, 'password');
    this.db
      .prepare('UPDATE accounts SET password = ? WHERE username = ?')
      .run(await hashSecret(next), username);
    return toAccount(this.mustRow(username));
  }

  /** The clerk's chosen signing certificate, remembered per account (JSON from the sign room). */
  certificateOf(username: string): string | null {
    return this.row(username)?.certificate ?? null;
  }

  rememberCertificate(username: string, choice: string | null): void {
    this.db.prepare('UPDATE accounts SET certificate = ? WHERE username = ?').run(choice, username);
  }

  private session(token: string, username: string): Session {
    const row = this.mustRow(username);
    return {
      token,
      account: toAccount(row),
      idleLockMinutes: this.settings.get().idleLockMinutes,
      auditProblems: roleRank(row.role) >= roleRank('supervisor') ? this.auditProblems() : [],
    };
  }

  /** Checks a password or PIN, counting wrong attempts; the same answer for an unknown user and a wrong secret. */
  private async checkSecret(username: string, secret: string, kind: 'password' | 'pin'): Promise<Row> {
    const row = this.row(username);
    const now = this.now();
    if (row && row.blocked_until > now)
      throw new StationError('auth_throttled', { seconds: Math.ceil((row.blocked_until - now) / 1000) });
    const stored = row ? (kind === 'pin' ? row.pin : row.password) : null;
    const ok = stored ? await verifySecret(secret, stored) : (await verifySecret(secret, DUMMY), false);
    if (!row || !ok) {
      if (row) {
        const failed = row.failed + 1;
        const wait =
          failed >= FREE_ATTEMPTS ? Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (failed - FREE_ATTEMPTS)) : 0;
        this.db
          .prepare('UPDATE accounts SET failed = ?, blocked_until = ? WHERE username = ?')
          .run(failed, wait ? now + wait : 0, username);
        if (wait) throw new StationError('auth_throttled', { seconds: Math.ceil(wait / 1000) });
      }
      throw new StationError('auth_failed');
    }
    if (row.disabled) throw new StationError('auth_disabled', { username });
    this.db.prepare('UPDATE accounts SET failed = 0, blocked_until = 0 WHERE username = ?').run(username);
    return row;
  }

  private async insert(username: string, name: string, role: AccountRole, password: string): Promise<void> {
    this.db
      .prepare('INSERT INTO accounts (username, name, role, password, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(username, name, role, await hashSecret(password), new Date(this.now()).toISOString());
  }

  private adminCount(): number {
    return (
      this.db.prepare("SELECT COUNT(*) AS n FROM accounts WHERE role = 'admin' AND disabled = 0").get() as {
        n: number;
      }
    ).n;
  }

  private idleMs(): number {
    return this.settings.get().idleLockMinutes * 60_000;
  }

  private row(username: string): Row | undefined {
    return this.db.prepare('SELECT * FROM accounts WHERE username = ?').get(username) as Row | undefined;
  }

  private mustRow(username: string): Row {
    const row = this.row(username);
    if (!row) throw new StationError('account_not_found', { username });
    return row;
  }
}

/** A record no secret matches, checked for unknown usernames so they take as long as known ones. */
const DUMMY = JSON.stringify({
  alg: 'scrypt',
  N: 2 ** 15,
  r: 8,
  p: 1,
  salt: 'AAAAAAAAAAAAAAAAAAAAAA==',
  hash: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
});

const toAccount = (r: Row): Account => ({
  username: r.username,
  name: r.name,
  role: r.role,
  disabled: r.disabled === 1,
  hasPin: r.pin !== null,
  lastSignInAt: r.last_sign_in_at,
});
