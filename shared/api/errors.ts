import { z } from 'zod';

/**
 * Errors are values a clerk can act on: a stable code (translated by shared/i18n
 * under `errors.<code>`), parameters for the message, and a technical detail for the log.
 */
export const ErrorCode = z.enum([
  'invalid_request',
  'unknown_method',
  'unknown_procedure',
  'unknown_component',
  'dossier_not_found',
  'page_not_found',
  'file_empty',
  'image_unsupported',
  'image_corrupt',
  'image_too_large',
  'component_empty',
  'pdf_not_built',
  'data_dir_locked',
  'disk_full',
  'transport_closed',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export type ErrorParams = Record<string, string | number>;

/** Thrown inside the engine; crosses the contract as an AppError value. */
export class StationError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'StationError';
  }

  toValue() {
    return { code: this.code, params: this.params, detail: this.detail };
  }
}
