import type { z } from 'zod';
import type { Dossier, FileUpload, Page, PageRejection, StationClient } from '../../../shared/api';
import { sendFiles } from '../../../shared/api/upload';
import { readAsUpload } from '../util/files';

export type Rejection = z.infer<typeof PageRejection>;

export interface AddOutcome {
  dossier: Dossier | undefined;
  added: Page[];
  rejected: Rejection[];
  unreadable: string[];
}

/**
 * Reads the files and adds them in order to one component: small ones in batches, a big
 * one in chunks (shared/api/upload.ts), each call within the transports' bound.
 */
export async function addFiles(
  client: StationClient,
  dossierId: string,
  componentCode: string,
  files: File[],
  onProgress: (done: number) => void,
): Promise<AddOutcome> {
  const unreadable: string[] = [];
  async function* uploads(): AsyncGenerator<FileUpload> {
    for (const file of files) {
      try {
        yield await readAsUpload(file);
      } catch {
        unreadable.push(file.name);
      }
    }
  }
  const sent = await sendFiles(client, uploads(), {
    method: 'scan.import',
    dossierId,
    componentCode,
    newId: () => crypto.randomUUID(),
    onProgress: (done) => onProgress(done + unreadable.length),
  });
  return { ...sent, unreadable };
}
