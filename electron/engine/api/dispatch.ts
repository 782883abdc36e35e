import { calls, isMethod, type Method } from '../../../shared/api/contract';
import { StationError } from '../../../shared/api/errors';
import { nfcDeep } from '../../../shared/api/nfc';
import { CallMessage, MAX_MESSAGE_BYTES, type ResultMessage } from '../../../shared/api/wire';
import { errorDetail, silentLog } from '../log';
import { toAppError } from './errors';
import { refusalOf } from './refusal';
import { sizeOver } from './size';
import type { Caller, Logger } from '../context';
import type { Role, Scope } from '../../../shared/api/define';
import { ROLE_LABEL } from '../../../shared/i18n/roles';
import type { Handlers } from './handlers';

/**
 * The receiving side of every transport: validates the envelope and the
 * params against the contract, runs the handler, and turns any failure into
 * an AppError value. Nothing from outside reaches a handler unvalidated.
 */
export function createDispatcher(
  handlers: Handlers,
  log: Logger = silentLog(),
  /** Told of every call that succeeded (the audit trail). */
  after: (method: Method, params: unknown, result: unknown, caller: Caller) => void = () => {},
  /** Who is calling, checked against the role the contract gives the call (the accounts room); throws when refused. */
  authorize: (role: Role, session: string | undefined) => Caller = () => STATION,
  /** Checked after validation, before the handler (one clerk at a time on a dossier); throws to refuse. */
  before: (method: Method, params: unknown, caller: Caller) => void = () => {},
  /**
   * The channel this dispatcher serves: the station's (every call but the citizen screen's, by role)
   * or a citizen screen's (only the citizen calls). The transport picks it, never the message.
   */
  scope: Scope = 'station',
) {
  return async function dispatch(raw: unknown): Promise<ResultMessage | null> {
    const envelope = CallMessage.safeParse(raw);
    if (!envelope.success) {
      log.warn('call.malformed', { code: 'invalid_envelope' });
      // With an id the caller waits for an answer: it gets one. Without, there is no one to answer.
      const id = idOf(raw);
      if (id === null) return null;
      return {
        kind: 'result',
        id,
        ok: false,
        error: { code: 'invalid_request', detail: 'malformed envelope' },
      };
    }
    const { id, method, params, session } = envelope.data;
    const size = sizeOver(params, MAX_MESSAGE_BYTES);
    if (size !== null) {
      log.warn('call.too_large', { method, code: 'message_too_large', count: size });
      return { kind: 'result', id, ok: false, error: tooLarge(size) };
    }
    const started = performance.now();
    let role: Caller['role'] = null;
    const ms = () => Math.round(performance.now() - started);
    try {
      if (!isMethod(method)) throw new StationError('unknown_method', { method });
      if (calls[method].scope !== scope)
        throw scope === 'citizen'
          ? new StationError('auth_forbidden', { role: ROLE_LABEL.clerk })
          : new StationError('citizen_only');
      const caller = authorize(calls[method].role, session);
      role = caller.role;
      // Text composed (NFC) before anything reads it: shared/api/nfc.ts.
      const input = nfcDeep(params);
      const parsed = calls[method].params.safeParse(input);
      if (!parsed.success) throw refusalOf(parsed.error, input);
      before(method, parsed.data, caller);
      const handler = handlers[method] as (p: unknown, c: Caller) => unknown;
      const result = await handler(parsed.data, caller);
      try {
        after(method, parsed.data, result, caller);
      } catch (err) {
        log.error('audit.failed', { method, detail: errorDetail(err) });
      }
      log.info('call', { method, role, ms: ms(), ok: true });
      return { kind: 'result', id, ok: true, result };
    } catch (err) {
      const error = toAppError(err);
      // One line per call: the method, the caller's role (never the person), the time, the code.
      const line = { method, role, ms: ms(), ok: false, code: error.code };
      if (error.code === 'internal') log.error('call', { ...line, detail: errorDetail(err) });
      else log.warn('call', line);
      return { kind: 'result', id, ok: false, error };
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;

/** The caller on a station without accounts: the station itself, with every right (as before accounts existed). */
const STATION: Caller = { username: null, name: '', role: 'admin', session: null };

const MB = 1024 * 1024;

/** The answer to a message above MAX_MESSAGE_BYTES (`size`: at least this many bytes). */
export const tooLarge = (size: number) => ({
  code: 'message_too_large' as const,
  params: { megabytes: Math.ceil(size / MB), limit: MAX_MESSAGE_BYTES / MB },
});

/** The call's id in a message that is not a valid envelope, when it has a usable one. */
function idOf(raw: unknown): number | null {
  if (!raw || typeof raw !== 'object') return null;
  const id = (raw as { id?: unknown }).id;
  return Number.isSafeInteger(id) ? (id as number) : null;
}
