import type { z } from 'zod';
import {
  type Dossier,
  type FileUpload,
  MAX_MESSAGE_BYTES,
  type Page,
  type PageRejection,
  type StationClient,
  UPLOAD_BATCH_BYTES,
} from '../../../shared/api';
import { readAsUpload } from '../util/files';

export type Rejection = z.infer<typeof PageRejection>;

/** Keep each call well under the transports' limit (MAX_MESSAGE_BYTES). */
const BATCH_BYTES = UPLOAD_BATCH_BYTES;
const BATCH_FILES = 40;
/** Room left in a call for everything but the file's bytes. */
const ENVELOPE_ROOM = 64 * 1024;
const MB = 1024 * 1024;

export interface AddOutcome {
  dossier: Dossier | undefined;
  added: Page[];
  rejected: Rejection[];
  unreadable: string[];
}

/** Reads the files and adds them in order, in batches, to one component. */
export async function addFiles(
  client: StationClient,
  dossierId: string,
  componentCode: string,
  files: File[],
  onProgress: (done: number) => void,
): Promise<AddOutcome> {
  const outcome: AddOutcome = { dossier: undefined, added: [], rejected: [], unreadable: [] };
  let batch: FileUpload[] = [];
  let batchBytes = 0;
  let done = 0;

  const flush = async () => {
    if (batch.length === 0) return;
    const result = await client.call('scan.import', { dossierId, componentCode, files: batch });
    outcome.dossier = result.dossier;
    outcome.added.push(...result.added);
    outcome.rejected.push(...result.rejected);
    done += batch.length;
    onProgress(done);
    batch = [];
    batchBytes = 0;
  };

  for (const file of files) {
    let upload: FileUpload;
    try {
      upload = await readAsUpload(file);
    } catch {
      outcome.unreadable.push(file.name);
      done += 1;
      continue;
    }
    // A file too big for one call is named here rather than sent to be refused by the transport.
    if (upload.dataBase64.length > MAX_MESSAGE_BYTES - ENVELOPE_ROOM) {
      const megabytes = Math.ceil(upload.dataBase64.length / MB);
      const params = { megabytes, limit: MAX_MESSAGE_BYTES / MB };
      outcome.rejected.push({ name: file.name, error: { code: 'message_too_large', params } });
      done += 1;
      continue;
    }
    if (
      batch.length > 0 &&
      (batchBytes + upload.dataBase64.length > BATCH_BYTES || batch.length >= BATCH_FILES)
    ) {
      await flush();
    }
    batch.push(upload);
    batchBytes += upload.dataBase64.length;
  }
  await flush();
  return outcome;
}
