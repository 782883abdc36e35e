/**
 * The log's allow-list: a line carries only these fields, each a code, an id, a count or a
 * duration — never a call's params or result, a name, an ID number, a PIN or a key. A field
 * not named here is dropped before pino sees it (pino's `redact` in logger.ts is the second net).
 */
export interface LogFields {
  /** The contract call (`dossier.create`). */
  method?: string;
  /** The caller's role (clerk, supervisor, admin; null: not signed in), never the person. */
  role?: string | null;
  /** Duration in milliseconds. */
  ms?: number;
  ok?: boolean;
  /** An AppError code (`portal_unreachable`) or a local fault code. */
  code?: string;
  /** An HTTP status. */
  status?: number;
  /** The portal's own error code (MaLoi), never its message or body. */
  portalCode?: string;
  attempt?: number;
  retry?: boolean;
  delayMs?: number;
  dossierId?: string;
  pageId?: string;
  itemId?: number;
  scanId?: string;
  /** A kind of thing: an outbox item's kind, a scanner driver, a purge kind. */
  kind?: string;
  /** A scanner's device id (driver and address), never a person. */
  device?: string;
  /** The worker thread that failed: `ocr`, `osd`, `raster-worker`, `token-worker`. */
  worker?: string;
  exitCode?: number;
  count?: number;
  version?: string;
  platform?: string;
  /** Technical detail of a fault (an error's message or stack), cut at DETAIL_MAX. */
  detail?: string;
}

const ALLOWED = new Set<string>([
  'method',
  'role',
  'ms',
  'ok',
  'code',
  'status',
  'portalCode',
  'attempt',
  'retry',
  'delayMs',
  'dossierId',
  'pageId',
  'itemId',
  'scanId',
  'kind',
  'device',
  'worker',
  'exitCode',
  'count',
  'version',
  'platform',
  'detail',
] satisfies (keyof LogFields)[]);

const STRING_MAX = 200;
const DETAIL_MAX = 4000;

type Value = string | number | boolean | null;

function clean(key: string, v: unknown): Value | undefined {
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const max = key === 'detail' ? DETAIL_MAX : STRING_MAX;
  return v.length > max ? `${v.slice(0, max)}…` : v;
}

/** Only the allowed fields, each a plain value (strings cut short); anything else is dropped. */
export function pickFields(fields: LogFields | undefined): Record<string, Value> {
  const out: Record<string, Value> = {};
  if (!fields) return out;
  for (const [key, v] of Object.entries(fields)) {
    if (!ALLOWED.has(key)) continue;
    const value = clean(key, v);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** An error as a log's `detail`: its stack (or message), never more than the error itself says. */
export const errorDetail = (err: unknown): string =>
  err instanceof Error ? (err.stack ?? err.message) : String(err);
