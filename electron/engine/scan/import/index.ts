import { StationError } from '../../../../shared/api/errors';
import { MAX_FILE_BYTES } from '../../../../shared/api/limits';
import type { IngestedPages } from '../../dossier/service';
import { ingestImage } from '../../pdf/ingest';
import { ingestPdf, isPdf } from './pdf';

/** A single imported file above this size is refused before it is read into the store. */
export const MAX_IMPORT_BYTES = MAX_FILE_BYTES;

/** Any file the clerk can bring: JPEG, PNG, TIFF (every page) or PDF (every page, kept as PDF). */
export async function ingestAny(bytes: Buffer, name: string): Promise<IngestedPages> {
  if (bytes.length > MAX_IMPORT_BYTES)
    throw new StationError('file_too_large', { name, megabytes: Math.round(bytes.length / 1048576) });
  if (isPdf(bytes) || /\.pdf$/i.test(name)) return ingestPdf(bytes, name);
  return ingestImage(bytes, name);
}
