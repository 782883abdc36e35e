import { StationError } from '../../../shared/api/errors';
import { PortalFailure } from './connector';

/**
 * Every portal failure as the clerk reads it (docs/architecture.md, portal room): refused credentials
 * or a refused request stop for a clerk; the line, a timeout or a busy portal are retried. A
 * StationError passes through; anything else is `internal`.
 */
export function portalError(err: unknown): StationError {
  if (err instanceof StationError) return err;
  if (err instanceof PortalFailure) {
    if (err.kind === 'rejected')
      return new StationError(
        err.portalCode === 'bad_credentials' ? 'portal_credentials' : 'portal_rejected',
        { reason: err.message },
        err.message,
      );
    const code =
      err.portalCode === 'network'
        ? 'portal_unreachable'
        : err.portalCode === 'timeout'
          ? 'portal_timeout'
          : 'portal_busy';
    return new StationError(code, {}, err.message);
  }
  return new StationError('internal', {}, err instanceof Error ? err.message : String(err));
}
