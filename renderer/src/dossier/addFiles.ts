import type { z } from 'zod';
import type { Dossier, FileUpload, Page, PageRejection, StationClient } from '../../../shared/api';
import { readAsUpload } from '../util/files';

export type Rejection = z.infer<typeof PageRejection>;

/** Keep each WebSocket frame well under common size limits. */
const BATCH_BYTES = 24 * 1024 * 1024;
const BATCH_FILES = 40;

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
