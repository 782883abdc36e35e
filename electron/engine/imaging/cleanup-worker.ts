/**
 * The cleanup worker: a page's analysis (border, skew, ink, colour) and the cleaned
 * greyscale image OCR and OSD read. Both run pure JavaScript loops over the pixels
 * (the skew search alone is 0.05–0.15 s a page on an idle machine, seconds on a loaded
 * one), so they run in this thread, never on the engine's event loop (issue 18). So does
 * the page's PDF image made ahead for assembly (`prepare`): its CCITT G4 encoder is JavaScript.
 */
import { parentPort } from 'node:worker_threads';
import { analyzePage, cleanPage, decodeImage, type RawImage } from './cleanup';
import type { CleanupReply, CleanupRequest, WorkerImage } from './cleanup-protocol';
import { encodePrepared, prepareForPdf } from './pdf-image';

const port = parentPort;
if (!port) throw new Error('cleanup-worker runs as a worker thread');

const rawImage = (w: WorkerImage): RawImage => ({
  bytes: Buffer.from(w.bytes.buffer, w.bytes.byteOffset, w.bytes.byteLength),
  frame: w.frame,
  dpi: w.dpi,
  ...(w.raw ? { raw: w.raw } : {}),
});

/** The bytes in an ArrayBuffer of their own: a small Buffer shares Node's pool, which must never be transferred. */
const ownMemory = (b: Buffer): Uint8Array =>
  b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : new Uint8Array(b);

async function answer(req: CleanupRequest): Promise<CleanupReply> {
  const img = rawImage(req.img);
  if (req.op === 'analyze') return { id: req.id, ok: true, op: 'analyze', analysis: await analyzePage(img) };
  if (req.op === 'prepare') {
    const page = await prepareForPdf(await decodeImage(img), req.a, req.ch, null);
    return { id: req.id, ok: true, op: 'prepare', blob: ownMemory(encodePrepared(page)) };
  }
  const c = await cleanPage(img, req.a, req.ch, req.dpi);
  const png = await c.image
    .greyscale()
    .withMetadata({ density: c.dpi })
    .png({ compressionLevel: 1 })
    .toBuffer();
  return { id: req.id, ok: true, op: 'grey', png, width: c.width, height: c.height, dpi: c.dpi };
}

port.on('message', (req: CleanupRequest) => {
  answer(req).then(
    // A prepared page's blob is handed over, not copied (`ownMemory` made it transferable).
    (reply) =>
      port.postMessage(reply, reply.ok && reply.op === 'prepare' ? [reply.blob.buffer as ArrayBuffer] : []),
    (err: unknown) =>
      port.postMessage({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
});
