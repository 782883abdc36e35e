/**
 * Web mode's way for page files (issue 18): each file's raw bytes in one `PUT /upload` to the
 * station's own web server, streamed from the disk by the browser (never read into the page as
 * base64 nor parsed by the engine as JSON), staged there; `scan.importStaged` then imports it
 * by the id the server answered. Electron's bridge keeps sending bytes in calls (shared/api/upload.ts).
 */
import { AppError } from '../../../shared/api';
import { MAX_FILE_BYTES } from '../../../shared/api/limits';

export type Staged = { uploadId: string } | { error: AppError };
/** Sends one file; throws when it could not be read or the station could not be reached. */
export type Uploader = (file: File) => Promise<Staged>;

const MB = 1024 * 1024;

export function httpUploader(token: string): Uploader {
  return async (file) => {
    if (file.size > MAX_FILE_BYTES)
      return {
        error: { code: 'file_too_large', params: { name: file.name, megabytes: Math.round(file.size / MB) } },
      };
    if (file.size === 0) return { error: { code: 'file_empty', params: { name: file.name } } };
    const res = await fetch(`${location.origin}/upload`, {
      method: 'PUT',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/octet-stream',
        'X-Upload-Name': encodeURIComponent(file.name),
      },
      body: file,
      cache: 'no-store',
    });
    const body: unknown = await res.json().catch(() => null);
    const b = (body ?? {}) as { uploadId?: unknown; error?: unknown };
    if (res.status === 201 && typeof b.uploadId === 'string') return { uploadId: b.uploadId };
    const error = AppError.safeParse(b.error);
    if (error.success) return { error: error.data };
    return { error: { code: 'upload_incomplete', params: { name: file.name } } };
  };
}
