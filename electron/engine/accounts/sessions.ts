import crypto from 'node:crypto';

interface SessionRow {
  username: string;
  lastSeen: number;
  locked: boolean;
}

/**
 * The engine's sessions, in memory only: a restart of the engine signs everyone
 * out. A session idle past the station's limit is locked, not dropped, so the
 * clerk's screen survives and one PIN or password opens it again.
 */
export class Sessions {
  private readonly rows = new Map<string, SessionRow>();

  constructor(private readonly now: () => number) {}

  open(username: string): string {
    const token = crypto.randomBytes(24).toString('base64url');
    this.rows.set(token, { username, lastSeen: this.now(), locked: false });
    return token;
  }

  /** The session's owner and state; a session idle for more than `idleMs` becomes locked here. */
  peek(token: string | null | undefined, idleMs: number): { username: string; locked: boolean } | null {
    const row = token ? this.rows.get(token) : undefined;
    if (!row) return null;
    if (!row.locked && idleMs > 0 && this.now() - row.lastSeen > idleMs) row.locked = true;
    return { username: row.username, locked: row.locked };
  }

  touch(token: string): void {
    const row = this.rows.get(token);
    if (row) row.lastSeen = this.now();
  }

  unlock(token: string): void {
    const row = this.rows.get(token);
    if (row) {
      row.locked = false;
      row.lastSeen = this.now();
    }
  }

  lock(token: string | null | undefined): boolean {
    const row = token ? this.rows.get(token) : undefined;
    if (row) row.locked = true;
    return Boolean(row);
  }

  close(token: string | null | undefined): boolean {
    return token ? this.rows.delete(token) : false;
  }

  /** Ends every session of one person (disabled, password reset). */
  closeAllOf(username: string): void {
    for (const [t, r] of this.rows) if (r.username === username) this.rows.delete(t);
  }
}
