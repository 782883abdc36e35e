import { calls, isMethod, type Method } from '../../../shared/api/contract';
import { StationError } from '../../../shared/api/errors';
import { CallMessage, type ResultMessage } from '../../../shared/api/wire';
import { toAppError } from './errors';
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
  log: Logger = () => {},
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
      log(`dropped malformed message: ${envelope.error.message}`);
      return null;
    }
    const { id, method, params, session } = envelope.data;
    try {
      if (!isMethod(method)) throw new StationError('unknown_method', { method });
      if (calls[method].scope !== scope)
        throw scope === 'citizen'
          ? new StationError('auth_forbidden', { role: ROLE_LABEL.clerk })
          : new StationError('citizen_only');
      const caller = authorize(calls[method].role, session);
      const parsed = calls[method].params.safeParse(params);
      if (!parsed.success) throw new StationError('invalid_request', {}, parsed.error.message);
      before(method, parsed.data, caller);
      const handler = handlers[method] as (p: unknown, c: Caller) => unknown;
      const result = await handler(parsed.data, caller);
      try {
        after(method, parsed.data, result, caller);
      } catch (err) {
        log(`after ${method}: ${err instanceof Error ? err.message : String(err)}`);
      }
      return { kind: 'result', id, ok: true, result };
    } catch (err) {
      const error = toAppError(err);
      if (error.code === 'internal')
        log(`${method as Method} failed: ${err instanceof Error ? err.stack : String(err)}`);
      return { kind: 'result', id, ok: false, error };
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;

/** The caller on a station without accounts: the station itself, with every right (as before accounts existed). */
const STATION: Caller = { username: null, name: '', role: 'admin', session: null };
