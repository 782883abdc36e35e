import { calls, isMethod, type Method } from '../../../shared/api/contract';
import { StationError } from '../../../shared/api/errors';
import { nfcDeep } from '../../../shared/api/nfc';
import { CallMessage, type ResultMessage } from '../../../shared/api/wire';
import { errorDetail, silentLog } from '../log';
import { toAppError } from './errors';
import type { Caller, Logger } from '../context';
import type { Role } from '../../../shared/api/define';
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
) {
  return async function dispatch(raw: unknown): Promise<ResultMessage | null> {
    const envelope = CallMessage.safeParse(raw);
    if (!envelope.success) {
      log.warn('call.malformed', { code: 'invalid_envelope' });
      return null;
    }
    const { id, method, params, session } = envelope.data;
    const started = performance.now();
    let role: Caller['role'] = null;
    const ms = () => Math.round(performance.now() - started);
    try {
      if (!isMethod(method)) throw new StationError('unknown_method', { method });
      const caller = authorize(calls[method].role, session);
      role = caller.role;
      // Text composed (NFC) before anything reads it: shared/api/nfc.ts.
      const parsed = calls[method].params.safeParse(nfcDeep(params));
      if (!parsed.success) throw new StationError('invalid_request', {}, parsed.error.message);
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
