import { calls, isMethod, type Method } from '../../../shared/api/contract';
import { StationError } from '../../../shared/api/errors';
import { CallMessage, type ResultMessage } from '../../../shared/api/wire';
import { toAppError } from './errors';
import type { Logger } from '../context';
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
  after: (method: Method, params: unknown, result: unknown) => void = () => {},
) {
  return async function dispatch(raw: unknown): Promise<ResultMessage | null> {
    const envelope = CallMessage.safeParse(raw);
    if (!envelope.success) {
      log(`dropped malformed message: ${envelope.error.message}`);
      return null;
    }
    const { id, method, params } = envelope.data;
    try {
      if (!isMethod(method)) throw new StationError('unknown_method', { method });
      const parsed = calls[method].params.safeParse(params);
      if (!parsed.success) throw new StationError('invalid_request', {}, parsed.error.message);
      const handler = handlers[method] as (p: unknown) => unknown;
      const result = await handler(parsed.data);
      try {
        after(method, parsed.data, result);
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
