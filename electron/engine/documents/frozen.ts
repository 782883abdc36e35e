import { StationError } from '../../../shared/api/errors';
import { fileSafe } from '../../../shared/domain/text';
import { sha256 } from '../store';
import type { BlobStore } from '../store';
import type { PdfRow } from './state';

/** One file exactly as it goes to the portal: the signed PDF where there is one, else the assembled one. */
export interface FrozenFile {
  componentCode: string;
  /** The file name the portal gets (ASCII, from the component's code and name). */
  name: string;
  /** The blob's key in the store, which is also its SHA-256. */
  blob: string;
  size: number;
  sha256: string;
}

/** The file of one component that goes to the portal: its signed copy when there is one. */
export function frozenFile(
  component: { code: string; name: string },
  row: Pick<PdfRow, 'blob' | 'bytes' | 'signed_blob'>,
  blobs: BlobStore,
): FrozenFile {
  const blob = row.signed_blob ?? row.blob;
  // The bytes read back must be the very bytes recorded (at signing, for a signed copy): a blob's id is its SHA-256.
  const bytes = blobs.get(blob);
  if (sha256(bytes) !== blob)
    throw new StationError(
      'data_damaged',
      {},
      `component ${component.code}: ${blob} no longer holds its bytes`,
    );
  const size = row.signed_blob ? bytes.length : row.bytes;
  return {
    componentCode: component.code,
    name: `${fileSafe(component.code, 60)}_${fileSafe(component.name, 60)}.pdf`.slice(0, 120),
    blob,
    size,
    sha256: blob,
  };
}
