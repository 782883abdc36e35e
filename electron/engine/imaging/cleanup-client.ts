import { WorkerClient } from '../worker-client';
import {
  analyzePage,
  type CleanupChoices,
  cleanPage,
  decodeImage,
  type PageAnalysis,
  type RawImage,
} from './cleanup';
import { encodePrepared, prepareForPdf } from './pdf-image';
import type { CleanupReply, CleanupRequest } from './cleanup-protocol';

/** The cleaned page as OCR or OSD reads it: a greyscale PNG at `dpi`. */
export interface GreyPage {
  png: Buffer;
  width: number;
  height: number;
  dpi: number;
}

/** Where a page's analysis and its cleaned image for reading are worked out. */
export interface Cleaner {
  analyze(img: RawImage): Promise<PageAnalysis>;
  grey(img: RawImage, a: PageAnalysis, ch: CleanupChoices, dpi: number): Promise<GreyPage>;
  /** The page's PDF image, made ahead for assembly, as the blob `encodePrepared` writes. */
  prepare(img: RawImage, a: PageAnalysis, ch: CleanupChoices): Promise<Buffer>;
}

/** On the calling thread (the CLI's one-shot pipeline, tests). */
export const inThread: Cleaner = {
  analyze: (img) => analyzePage(img),
  async grey(img, a, ch, dpi) {
    const c = await cleanPage(img, a, ch, dpi);
    const png = await c.image
      .greyscale()
      .withMetadata({ density: c.dpi })
      .png({ compressionLevel: 1 })
      .toBuffer();
    return { png, width: c.width, height: c.height, dpi: c.dpi };
  },
  async prepare(img, a, ch) {
    return encodePrepared(await prepareForPdf(await decodeImage(img), a, ch, null));
  },
};

/** A page that takes longer than this is given up and the worker replaced (a crafted image). */
const TIMEOUT_MS = 120_000;

const own = new URL(import.meta.url);

/**
 * The cleanup worker thread (cleanup-worker.ts): one thread, started on first use (or
 * `warm()`), stopped after 30 s idle, replaced when it fails. Its answers are the same as
 * `inThread`'s; the engine's event loop stays free while pages are analysed.
 */
export class CleanupWorker implements Cleaner {
  private readonly client = new WorkerClient<CleanupRequest, CleanupReply>({
    source: new URL('./cleanup-worker.ts', own),
    // Packaged app: no TypeScript sources, the worker is bundled as dist/electron/cleanup-worker.cjs.
    bundled: new URL('../../../dist/electron/cleanup-worker.cjs', own),
    idleMs: 30_000,
    timeoutMs: () => TIMEOUT_MS,
    name: 'page cleanup',
    error: (m) => new Error(m),
  });

  /** Starts the thread ahead of the first page (a dossier came on screen). */
  warm(): void {
    this.client.warm();
  }

  async close(): Promise<void> {
    const closing = this.client.close();
    // Page images still waiting for their turn are told the worker closed.
    for (const go of this.waitingToPrepare.splice(0)) go();
    await closing;
  }

  /** Analyses and greyscale images asked for and not answered yet: page images made ahead wait for none. */
  private urgent = 0;
  private preparing = false;
  private readonly waitingToPrepare: (() => void)[] = [];

  async analyze(img: RawImage): Promise<PageAnalysis> {
    const r = await this.sendUrgent({ op: 'analyze', img: workerImage(img) });
    if (r.op !== 'analyze') throw new Error('cleanup worker: unexpected answer');
    return r.analysis;
  }

  async grey(img: RawImage, a: PageAnalysis, ch: CleanupChoices, dpi: number): Promise<GreyPage> {
    const r = await this.sendUrgent({ op: 'grey', img: workerImage(img), a, ch, dpi });
    if (r.op !== 'grey') throw new Error('cleanup worker: unexpected answer');
    return { png: asBuffer(r.png), width: r.width, height: r.height, dpi: r.dpi };
  }

  /**
   * The page's PDF image, made ahead for assembly: background work, so one at a time and only
   * while no analysis or image for reading waits (the next page on screen is not held behind
   * the last dossier's page images).
   */
  async prepare(img: RawImage, a: PageAnalysis, ch: CleanupChoices): Promise<Buffer> {
    await new Promise<void>((go) => {
      this.waitingToPrepare.push(go);
      this.nextPrepare();
    });
    try {
      const r = await this.send({ op: 'prepare', img: workerImage(img), a, ch });
      if (r.op !== 'prepare') throw new Error('cleanup worker: unexpected answer');
      return asBuffer(r.blob);
    } finally {
      this.preparing = false;
      this.nextPrepare();
    }
  }

  private nextPrepare(): void {
    if (this.preparing || this.urgent > 0) return;
    const go = this.waitingToPrepare.shift();
    if (!go) return;
    this.preparing = true;
    go();
  }

  private async sendUrgent(body: Parameters<WorkerClient<CleanupRequest, CleanupReply>['request']>[0]) {
    this.urgent++;
    try {
      return await this.send(body);
    } finally {
      this.urgent--;
      this.nextPrepare();
    }
  }

  /** The page's bytes go over in a buffer of their own, handed to the worker without a second copy. */
  private send(body: Parameters<WorkerClient<CleanupRequest, CleanupReply>['request']>[0]) {
    return this.client.request(body, [body.img.bytes.buffer as ArrayBuffer]);
  }
}

/** The page's bytes copied into a buffer of their own (the caller keeps its own). */
const workerImage = (img: RawImage) => ({
  bytes: new Uint8Array(img.bytes),
  frame: img.frame,
  dpi: img.dpi,
  ...(img.raw ? { raw: img.raw } : {}),
});

const asBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
