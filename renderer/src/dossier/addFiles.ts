import type { z } from 'zod';
import type { Dossier, FileUpload, Page, PageRejection, StationClient } from '../../../shared/api';
import { sendFiles } from '../../../shared/api/upload';
import { StationConnection } from '../api/connection';
import type { Staged, Uploader } from '../api/upload';
import { readAsUpload } from '../util/files';

export type Rejection = z.infer<typeof PageRejection>;

export interface AddOutcome {
  dossier: Dossier | undefined;
  added: Page[];
  rejected: Rejection[];
  unreadable: string[];
}

/**
 * Adds the files in order to one component. Web mode: each file's raw bytes to the station's
 * `PUT /upload`, then `scan.importStaged` by id, the next file already on its way while one is
 * imported. Electron: read and sent in calls — small ones in batches, a big one in chunks
 * (shared/api/upload.ts), each call within the transports' bound.
 */
export async function addFiles(
  client: StationClient,
  dossierId: string,
  componentCode: string,
  files: File[],
  onProgress: (done: number) => void,
): Promise<AddOutcome> {
  const uploader = client instanceof StationConnection ? client.uploader : null;
  if (uploader) return addStaged(client, uploader, dossierId, componentCode, files, onProgress);
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

async function addStaged(
  client: StationClient,
  upload: Uploader,
  dossierId: string,
  componentCode: string,
  files: File[],
  onProgress: (done: number) => void,
): Promise<AddOutcome> {
  const out: AddOutcome = { dossier: undefined, added: [], rejected: [], unreadable: [] };
  const send = (file: File): Promise<Staged | null> => upload(file).catch(() => null);
  let next = files.length > 0 ? send(files[0]!) : null;
  for (const [i, file] of files.entries()) {
    const staged = await next;
    // One file on its way while the one before is imported; never more, so the order holds.
    next = i + 1 < files.length ? send(files[i + 1]!) : null;
    if (!staged) out.unreadable.push(file.name);
    else if ('error' in staged) out.rejected.push({ name: file.name, error: staged.error });
    else {
      const r = await client.call('scan.importStaged', {
        dossierId,
        componentCode,
        uploads: [{ uploadId: staged.uploadId, name: file.name }],
      });
      out.dossier = r.dossier;
      out.added.push(...r.added);
      out.rejected.push(...r.rejected);
    }
    onProgress(i + 1);
  }
  return out;
}
