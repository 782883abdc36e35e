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
  'data_key_mismatch',
  'data_damaged',
  'disk_full',
  'transport_closed',
  'sign_module_missing',
  'sign_module_load_failed',
  'sign_token_not_found',
  'sign_key_not_found',
  'sign_no_choice',
  'sign_pin_incorrect',
  'sign_pin_count_low',
  'sign_pin_final_try',
  'sign_pin_locked',
  'sign_pin_invalid',
  'sign_cert_expired',
  'sign_cert_not_yet_valid',
  'sign_cert_no_usage',
  'sign_device_error',
  'sign_pdf_unreadable',
  'sign_not_signed',
  'sign_tsa_unreachable',
  'internal',
  'portal_unreachable',
  'portal_timeout',
  'portal_busy',
  'portal_credentials',
  'portal_rejected',
  'portal_not_configured',
  'portal_check_unreachable',
  'portal_check_timeout',
  'portal_check_credentials',
  'portal_check_not_portal',
  'portal_check_tls',
  'portal_check_no_key',
  'outbox_no_files',
  'result_not_ready',
  'data_purged',
  'batch_invalid',
  'batch_folder_missing',
  'payment_not_needed',
  'payment_needs_portal',
  'payment_not_found',
  'dossier_incomplete',
  'dossier_not_draft',
  'dossier_wrong_status',
  'dossier_code_exhausted',
  'station_code_invalid',
  'calendar_invalid',
  'catalog_invalid',
  'scan_no_paper',
  'scan_jammed',
  'scan_cover_open',
  'scan_device_busy',
  'scan_device_gone',
  'scan_timeout',
  'scan_failed',
  'scan_unknown_device',
  'scan_setting_unsupported',
  'scan_job_not_found',
  'pdf_encrypted',
  'pdf_corrupt',
  'file_too_large',
  'imaging_not_ready',
  'image_all_black',
  'report_period_invalid',
  'auth_required',
  'auth_forbidden',
  'auth_failed',
  'auth_throttled',
  'auth_disabled',
  'auth_locked',
  'auth_pin_unavailable',
  'accounts_exist',
  'account_exists',
  'account_not_found',
  'account_last_admin',
  'dossier_locked',
  'consent_document_missing',
  'consent_missing',
  'dossier_in_use',
  'correction_while_uploading',
  'correction_needs_signature',
  // Hostile input (issue 19): damaged scans and files are named, never passed as pages.
  'image_truncated',
  'pdf_damaged',
  'pdf_page_damaged',
  'scan_page_incomplete',
  'message_too_large',
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
