/**
 * Sending page files to the engine within the transports' bound (MAX_MESSAGE_BYTES):
 * small files together in calls of at most UPLOAD_BATCH_BYTES (or 40 files), a bigger
 * file alone in chunks (`scan.uploadChunk`), which the engine gathers and imports as
 * `scan.import` does. One way for the renderer and the command line.
 */
import type { StationClient } from './client';
import { UPLOAD_BATCH_BYTES, UPLOAD_CHUNK_BYTES } from './limits';
import type { Dossier, FileUpload, Page, PageRejection } from './types';
import type { z } from 'zod';

export interface SendOutcome {
  dossier: Dossier | undefined;
  added: Page[];
  rejected: z.infer<typeof PageRejection>[];
}

export interface SendOptions {
  /** The call for files sent whole: page images only (dossier.addPages), or any file (scan.import). */
  method: 'dossier.addPages' | 'scan.import';
  dossierId: string;
  componentCode: string;
  /** A fresh id for each chunked file (crypto.randomUUID). */
  newId: () => string;
  /** Told after each file is sent, with how many are done. */
  onProgress?: (done: number) => void;
}

const BATCH_FILES = 40;
/** Raw bytes per chunk: a multiple of 3, so each chunk's base64 stands on its own. */
const CHUNK_RAW = Math.floor(UPLOAD_CHUNK_BYTES / 3) * 3;
const CHUNK_B64 = (CHUNK_RAW / 3) * 4;

/** The raw size of a base64 text. */
const rawSize = (b64: string): number =>
  (b64.length / 4) * 3 - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);

/** One big file, chunk after chunk; the last chunk's answer is the import's. */
async function sendChunked(client: StationClient, f: FileUpload, o: SendOptions, out: SendOutcome) {
  const uploadId = o.newId();
  const total = rawSize(f.dataBase64);
  for (let at = 0; at < f.dataBase64.length; at += CHUNK_B64) {
    const r = await client.call('scan.uploadChunk', {
      dossierId: o.dossierId,
      componentCode: o.componentCode,
      uploadId,
      name: f.name,
      total,
      offset: (at / 4) * 3,
      dataBase64: f.dataBase64.slice(at, at + CHUNK_B64),
      imagesOnly: o.method === 'dossier.addPages',
    });
    if (!r.done) continue;
    out.dossier = r.done.dossier;
    out.added.push(...r.done.added);
    out.rejected.push(...r.done.rejected);
  }
}

/** Sends the files in order; a file that cannot be read as base64 of a non-empty file goes in a batch and is refused there. */
export async function sendFiles(
  client: StationClient,
  files: Iterable<FileUpload> | AsyncIterable<FileUpload>,
  o: SendOptions,
): Promise<SendOutcome> {
  const out: SendOutcome = { dossier: undefined, added: [], rejected: [] };
  let batch: FileUpload[] = [];
  let batchBytes = 0;
  let done = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const r = await client.call(o.method, {
      dossierId: o.dossierId,
      componentCode: o.componentCode,
      files: batch,
    });
    out.dossier = r.dossier;
    out.added.push(...r.added);
    out.rejected.push(...r.rejected);
    done += batch.length;
    o.onProgress?.(done);
    batch = [];
    batchBytes = 0;
  };
  for await (const f of files) {
    if (f.dataBase64.length > UPLOAD_BATCH_BYTES && f.dataBase64.length % 4 === 0) {
      await flush();
      await sendChunked(client, f, o, out);
      o.onProgress?.(++done);
      continue;
    }
    if (
      batch.length > 0 &&
      (batchBytes + f.dataBase64.length > UPLOAD_BATCH_BYTES || batch.length >= BATCH_FILES)
    )
      await flush();
    batch.push(f);
    batchBytes += f.dataBase64.length;
  }
  await flush();
  return out;
}
