/**
 * A driverless (eSCL / AirScan, Mopria) scanner on 127.0.0.1, faithful to the
 * protocol as real office scanners speak it:
 *   GET    /eSCL/ScannerCapabilities   capabilities (XML, scan: + pwg: namespaces)
 *   GET    /eSCL/ScannerStatus         state, ADF state, jobs
 *   POST   /eSCL/ScanJobs              ScanSettings XML → 201 Created + Location;
 *                                      503 while another job runs; 409 when the feeder is empty
 *   GET    /eSCL/ScanJobs/{id}/NextDocument   one page (image/jpeg or image/png);
 *                                      404 when the job has no more pages; 503 while "scanning"
 *   GET    /eSCL/ScanJobs/{id}/ScanImageInfo  info on the last page
 *   DELETE /eSCL/ScanJobs/{id}         cancel
 * Used by the tests and as the training scanner in web mode (`npm run escl-sim`).
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import sharp from 'sharp';

export const SCAN_NS = 'http://schemas.hp.com/imaging/escl/2011/05/03';
export const PWG_NS = 'http://www.pwg.org/schemas/2010/12/sm';

export interface EsclSimOptions {
  port?: number;
  /** Sheets in the feeder; it empties like a real one. */
  sheets?: number;
  makeAndModel?: string;
  /** Jam when this page (1-based, of the job) is about to be fed. */
  jamAtPage?: number;
  /** Drop the connection (device gone) at this page. */
  vanishAtPage?: number;
  /** At this page, announce the whole page (Content-Length) and drop the line halfway through it. */
  shortPageAt?: number;
  /** At this page, send a JPEG cut at half with a Content-Length that fits the cut (firmware that stops mid-page). */
  cutPageAt?: number;
  /** Milliseconds each page takes to "scan" (NextDocument answers 503 meanwhile when > 0 and `busyRetry`). */
  pageDelayMs?: number;
  /** Answer the first NextDocument of each page with 503 (scanner still scanning), as many devices do. */
  busyRetry?: boolean;
  log?: (line: string) => void;
}

interface Job {
  id: string;
  source: 'Platen' | 'Feeder';
  duplex: boolean;
  dpi: number;
  colorMode: string;
  format: string;
  widthPx: number;
  heightPx: number;
  delivered: number;
  /** Pages this job will yield; a feeder job takes from the feeder as it goes. */
  state: 'Processing' | 'Completed' | 'Canceled' | 'Aborted';
  jobReason?: string;
  retried: boolean;
  pageReadyAt: number;
}

type Fault = 'jamAtPage' | 'vanishAtPage' | 'shortPageAt' | 'cutPageAt';

export interface EsclSim {
  url: string;
  port: number;
  /** Refill the feeder. */
  load(sheets: number): void;
  readonly feeder: number;
  readonly jobs: readonly { id: string; state: string; delivered: number }[];
  setFault(f: Pick<EsclSimOptions, Fault>): void;
  close(): Promise<void>;
}

const RESOLUTIONS = [75, 100, 150, 200, 300, 600];
/** A4 in eSCL's unit, 1/300 inch. */
const A4_W = 2480;
const A4_H = 3508;

function capabilitiesXml(makeAndModel: string, uuid: string): string {
  const res = RESOLUTIONS.map(
    (r) =>
      `<scan:DiscreteResolution><scan:XResolution>${r}</scan:XResolution><scan:YResolution>${r}</scan:YResolution></scan:DiscreteResolution>`,
  ).join('');
  const profile = `<scan:SettingProfiles><scan:SettingProfile>
      <scan:ColorModes><scan:ColorMode>BlackAndWhite1</scan:ColorMode><scan:ColorMode>Grayscale8</scan:ColorMode><scan:ColorMode>RGB24</scan:ColorMode></scan:ColorModes>
      <scan:DocumentFormats><pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat><pwg:DocumentFormat>image/png</pwg:DocumentFormat><scan:DocumentFormatExt>image/jpeg</scan:DocumentFormatExt><scan:DocumentFormatExt>image/png</scan:DocumentFormatExt></scan:DocumentFormats>
      <scan:SupportedResolutions><scan:DiscreteResolutions>${res}</scan:DiscreteResolutions></scan:SupportedResolutions>
      <scan:ColorSpaces><scan:ColorSpace>sRGB</scan:ColorSpace></scan:ColorSpaces>
    </scan:SettingProfile></scan:SettingProfiles>`;
  const caps = `<scan:MinWidth>16</scan:MinWidth><scan:MaxWidth>${A4_W}</scan:MaxWidth><scan:MinHeight>16</scan:MinHeight><scan:MaxHeight>${A4_H}</scan:MaxHeight>
    <scan:MaxScanRegions>1</scan:MaxScanRegions>${profile}
    <scan:SupportedIntents><scan:Intent>Document</scan:Intent><scan:Intent>TextAndGraphic</scan:Intent><scan:Intent>Photo</scan:Intent></scan:SupportedIntents>
    <scan:MaxOpticalXResolution>600</scan:MaxOpticalXResolution><scan:MaxOpticalYResolution>600</scan:MaxOpticalYResolution>
    <scan:RiskyLeftMargin>0</scan:RiskyLeftMargin><scan:RiskyRightMargin>0</scan:RiskyRightMargin><scan:RiskyTopMargin>0</scan:RiskyTopMargin><scan:RiskyBottomMargin>0</scan:RiskyBottomMargin>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities xmlns:scan="${SCAN_NS}" xmlns:pwg="${PWG_NS}">
  <pwg:Version>2.63</pwg:Version>
  <pwg:MakeAndModel>${makeAndModel}</pwg:MakeAndModel>
  <pwg:SerialNumber>SIM-0001</pwg:SerialNumber>
  <scan:UUID>${uuid}</scan:UUID>
  <scan:AdminURI>http://127.0.0.1/</scan:AdminURI>
  <scan:Platen><scan:PlatenInputCaps>${caps}</scan:PlatenInputCaps></scan:Platen>
  <scan:Adf>
    <scan:AdfSimplexInputCaps>${caps}</scan:AdfSimplexInputCaps>
    <scan:AdfDuplexInputCaps>${caps}</scan:AdfDuplexInputCaps>
    <scan:FeederCapacity>50</scan:FeederCapacity>
    <scan:AdfOptions><scan:AdfOption>DetectPaperLoaded</scan:AdfOption><scan:AdfOption>Duplex</scan:AdfOption></scan:AdfOptions>
  </scan:Adf>
</scan:ScannerCapabilities>`;
}

const xml = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false });

function text(v: unknown): string | undefined {
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return undefined;
}

/** Renders one page: a white sheet with a frame and its number, so a thumbnail shows which page it is. */
async function pageImage(job: Job, page: number, side: string): Promise<Buffer> {
  const w = job.widthPx;
  const h = job.heightPx;
  const fs = Math.round(h / 12);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
    <rect width="100%" height="100%" fill="white"/>
    <rect x="${w * 0.05}" y="${h * 0.05}" width="${w * 0.9}" height="${h * 0.9}" fill="none" stroke="black" stroke-width="${Math.max(2, w / 200)}"/>
    <text x="50%" y="45%" font-size="${fs}" font-family="sans-serif" text-anchor="middle" fill="black">Trang ${page}${side}</text>
    <text x="50%" y="60%" font-size="${Math.round(fs / 3)}" font-family="sans-serif" text-anchor="middle" fill="black">eSCL sim ${job.dpi} dpi</text>
  </svg>`;
  let img = sharp(Buffer.from(svg));
  if (job.colorMode !== 'RGB24') img = img.grayscale();
  if (job.colorMode === 'BlackAndWhite1') img = img.threshold(128);
  img = img.withMetadata({ density: job.dpi });
  return job.format === 'image/png' ? img.png().toBuffer() : img.jpeg({ quality: 80 }).toBuffer();
}

export async function startEsclSim(opts: EsclSimOptions = {}): Promise<EsclSim> {
  const uuid = crypto.randomUUID();
  const makeAndModel = opts.makeAndModel ?? 'SoHoa eSCL Simulator';
  const log = opts.log ?? (() => {});
  let feeder = opts.sheets ?? 10;
  let faults: Pick<EsclSimOptions, Fault> = {
    jamAtPage: opts.jamAtPage,
    vanishAtPage: opts.vanishAtPage,
    shortPageAt: opts.shortPageAt,
    cutPageAt: opts.cutPageAt,
  };
  const jobs = new Map<string, Job>();
  let adfJam = false;
  const active = (): Job | undefined => [...jobs.values()].find((j) => j.state === 'Processing');

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, body = '', headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'text/xml', ...headers });
      res.end(body);
    };
    log(`${req.method} ${url.pathname}`);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void handle(Buffer.concat(chunks).toString('utf8')).catch((err: unknown) => {
        log(`error ${String(err)}`);
        if (!res.headersSent) send(500);
      });
    });

    async function handle(body: string): Promise<void> {
      const p = url.pathname.replace(/\/+$/, '');
      if (req.method === 'GET' && p === '/eSCL/ScannerCapabilities')
        return send(200, capabilitiesXml(makeAndModel, uuid));
      if (req.method === 'GET' && p === '/eSCL/ScannerStatus') {
        const state = active() ? 'Processing' : 'Idle';
        const adf = adfJam ? 'ScannerAdfJam' : feeder > 0 ? 'ScannerAdfLoaded' : 'ScannerAdfEmpty';
        const jobInfo = [...jobs.values()]
          .map(
            (j) =>
              `<scan:JobInfo><pwg:JobUri>/eSCL/ScanJobs/${j.id}</pwg:JobUri><pwg:JobUuid>${j.id}</pwg:JobUuid><scan:Age>0</scan:Age><pwg:ImagesCompleted>${j.delivered}</pwg:ImagesCompleted><pwg:ImagesToTransfer>0</pwg:ImagesToTransfer><pwg:JobState>${j.state}</pwg:JobState><pwg:JobStateReasons><pwg:JobStateReason>${j.jobReason ?? 'JobCompletedSuccessfully'}</pwg:JobStateReason></pwg:JobStateReasons></scan:JobInfo>`,
          )
          .join('');
        return send(
          200,
          `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerStatus xmlns:scan="${SCAN_NS}" xmlns:pwg="${PWG_NS}"><pwg:Version>2.63</pwg:Version><pwg:State>${state}</pwg:State><scan:AdfState>${adf}</scan:AdfState><scan:Jobs>${jobInfo}</scan:Jobs></scan:ScannerStatus>`,
        );
      }
      if (req.method === 'POST' && p === '/eSCL/ScanJobs') {
        if (active()) return send(503, '', { 'Retry-After': '2' });
        const parsed = xml.parse(body) as { ScanSettings?: Record<string, unknown> };
        const s = parsed.ScanSettings;
        if (!s) return send(400);
        const inputSource = text(s.InputSource) ?? 'Platen';
        const dpi = Number(text(s.XResolution) ?? 300);
        if (!RESOLUTIONS.includes(dpi)) return send(409);
        const region = (s.ScanRegions as { ScanRegion?: Record<string, unknown> } | undefined)?.ScanRegion;
        const w300 = Math.min(A4_W, Number(text(region?.Width) ?? A4_W));
        const h300 = Math.min(A4_H, Number(text(region?.Height) ?? A4_H));
        const format = text(s.DocumentFormatExt) ?? text(s.DocumentFormat) ?? 'image/jpeg';
        if (!['image/jpeg', 'image/png'].includes(format)) return send(409);
        if (inputSource === 'Feeder' && (feeder <= 0 || adfJam)) return send(409);
        const job: Job = {
          id: crypto.randomUUID(),
          source: inputSource === 'Feeder' ? 'Feeder' : 'Platen',
          duplex: text(s.Duplex) === 'true',
          dpi,
          colorMode: text(s.ColorMode) ?? 'RGB24',
          format,
          widthPx: Math.round((w300 * dpi) / 300),
          heightPx: Math.round((h300 * dpi) / 300),
          delivered: 0,
          state: 'Processing',
          retried: false,
          pageReadyAt: Date.now() + (opts.pageDelayMs ?? 0),
        };
        jobs.set(job.id, job);
        return send(201, '', { Location: `http://${req.headers.host}/eSCL/ScanJobs/${job.id}` });
      }
      const m = /^\/eSCL\/ScanJobs\/([0-9a-f-]+)(\/NextDocument|\/ScanImageInfo)?$/.exec(p);
      const job = m ? jobs.get(m[1] ?? '') : undefined;
      if (!m || !job) return send(404);
      if (req.method === 'DELETE' && !m[2]) {
        if (job.state === 'Processing') {
          job.state = 'Canceled';
          job.jobReason = 'JobCanceledByUser';
        }
        return send(200);
      }
      if (req.method === 'GET' && m[2] === '/ScanImageInfo')
        return send(
          200,
          `<?xml version="1.0" encoding="UTF-8"?><scan:ScanImageInfo xmlns:scan="${SCAN_NS}" xmlns:pwg="${PWG_NS}"><pwg:JobUri>/eSCL/ScanJobs/${job.id}</pwg:JobUri><pwg:JobUuid>${job.id}</pwg:JobUuid><scan:ActualWidth>${job.widthPx}</scan:ActualWidth><scan:ActualHeight>${job.heightPx}</scan:ActualHeight><scan:ActualBytesPerLine>${job.widthPx * 3}</scan:ActualBytesPerLine></scan:ScanImageInfo>`,
        );
      if (req.method !== 'GET' || m[2] !== '/NextDocument') return send(405);
      if (job.state !== 'Processing') return send(404);
      const page = job.delivered + 1;
      const sheet = job.duplex ? Math.ceil(page / 2) : page;
      const frontSide = !job.duplex || page % 2 === 1;
      // The job is over: a flatbed job yields one page; a feeder job ends when the feeder is empty.
      if (
        (job.source === 'Platen' && job.delivered >= 1) ||
        (job.source === 'Feeder' && frontSide && feeder <= 0)
      ) {
        job.state = 'Completed';
        return send(404);
      }
      if (faults.vanishAtPage === page) {
        job.state = 'Aborted';
        job.jobReason = 'ServiceOffLine';
        req.socket.destroy();
        return;
      }
      if (job.source === 'Feeder' && frontSide && faults.jamAtPage === page) {
        adfJam = true;
        job.state = 'Aborted';
        job.jobReason = 'AdfJam';
        return send(409);
      }
      if (Date.now() < job.pageReadyAt || (opts.busyRetry && !job.retried)) {
        job.retried = true;
        return send(503, '', { 'Retry-After': '1' });
      }
      if (job.source === 'Feeder' && frontSide) feeder--;
      job.delivered++;
      job.retried = false;
      job.pageReadyAt = Date.now() + (opts.pageDelayMs ?? 0);
      const side = job.duplex ? (frontSide ? ' (mặt trước)' : ' (mặt sau)') : '';
      const bytes = await pageImage(job, job.duplex ? sheet : page, side);
      if (faults.shortPageAt === page) {
        res.writeHead(200, { 'Content-Type': job.format, 'Content-Length': String(bytes.length) });
        res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => req.socket.destroy());
        return;
      }
      const sent = faults.cutPageAt === page ? bytes.subarray(0, Math.floor(bytes.length / 2)) : bytes;
      res.writeHead(200, { 'Content-Type': job.format, 'Content-Length': String(sent.length) });
      res.end(sent);
    }
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/eSCL`,
    port,
    load(sheets) {
      feeder = sheets;
      adfJam = false;
    },
    get feeder() {
      return feeder;
    },
    get jobs() {
      return [...jobs.values()].map((j) => ({ id: j.id, state: j.state, delivered: j.delivered }));
    },
    setFault(f) {
      faults = { ...faults, ...f };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
