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
    if (err.portalCode === 'dossier_conflict')
      return new StationError(
        'portal_dossier_conflict',
        { code: /: (\S+) exists/.exec(err.message)?.[1] ?? '' },
        err.message,
      );
    if (err.portalCode === 'dvcqg_credentials')
      return new StationError('portal_dvcqg_credentials', {}, err.message);
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

/**
 * A portal failure as fields of the log: the station's code, the portal's own code (MaLoi)
 * and the HTTP status — never the portal's message or body, which can quote the dossier.
 */
export function portalFaultFields(
  err: unknown,
  error: { code: string; detail?: string } = portalError(err).toValue(),
): { code: string; portalCode?: string; status?: number; detail?: string } {
  if (!(err instanceof PortalFailure))
    return error.code === 'internal'
      ? { code: error.code, detail: error.detail ?? '' }
      : { code: error.code };
  // An HTTP answer's failure names its status first (`503 http_503`, `409 E_OFFSET: …`, http.ts).
  const http = /^(\d{3}) /.exec(err.message);
  return { code: error.code, portalCode: err.portalCode, ...(http ? { status: Number(http[1]) } : {}) };
}
