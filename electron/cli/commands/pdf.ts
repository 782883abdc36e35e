import fs from 'node:fs';
import path from 'node:path';
import { errorMessage } from '../../../shared/i18n/errors';
import { resolveDataDir } from '../../engine';
import { toAppError } from '../../engine/api/errors';
import { DEFAULT_CHOICES } from '../../engine/imaging/cleanup';
import { colourOf } from '../../engine/imaging/pdf-image';
import { imageBytes, processPage } from '../../engine/imaging/pipeline';
import {
  addStageTimes,
  newStageTimes,
  roundedStages,
  type StageTimes,
  timeStage,
} from '../../engine/imaging/stages';
import { OcrPool } from '../../engine/ocr/pool';
import { assemblePdf, type PdfPageInput } from '../../engine/pdf/assemble';
import { ingestAny } from '../../engine/scan/import';
import { type Command, need, parse, printJson, UsageError, writeAtomic } from './kit';

/** What `--json` prints for each page. */
interface PageReport {
  file: string;
  frame: number;
  /** image; pdf-scan: a scanned PDF page, rendered, cleaned and read; pdf: a page with its own text, copied. */
  kind: 'image' | 'pdf' | 'pdf-scan';
  skewDeg: number | null;
  rotation: number | null;
  blank: boolean;
  dropped: boolean;
  colour: string | null;
  ocrConfidence: number | null;
  words: number | null;
  bytes: number;
  /** Milliseconds per stage of this page (decode, analysis, cleanup, osd, ocr, compression). */
  stages: StageTimes['ms'];
  /** OSD ran for this page (it is skipped when the first reading says the page is upright). */
  osd: boolean;
}

const TESSERACT_LANGS = /^[a-z]{3}(\+[a-z]{3})*$/;

/** Runs `fn` over items with at most `limit` at once, results in order. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(lanes);
  return out;
}

export const pdfCommands: Record<string, Command> = {
  pdf: {
    usage:
      'pdf [--lang vie] [--no-ocr] [--drop-blank] [--json] --out OUT.pdf INPUT...  images/PDFs → one cleaned, searchable PDF/A (scanned PDF pages are cleaned and read too)',
    async run(argv, ctx) {
      const { values, positionals } = parse(argv, {
        out: { type: 'string' },
        json: { type: 'boolean' },
        'no-ocr': { type: 'boolean' },
        'drop-blank': { type: 'boolean' },
        workers: { type: 'string' },
      });
      const out = path.resolve(need(values.out, '--out OUT.pdf'));
      if (positionals.length === 0) throw new UsageError('missing INPUT... (page images or PDFs)');
      const langArg =
        typeof values.lang === 'string' && TESSERACT_LANGS.test(values.lang) ? values.lang : 'vie';
      const langs = langArg.split('+');
      // `--lang` here names the OCR languages; Vietnamese OCR also means Vietnamese messages.
      const lang = langs[0] === 'vie' || process.env.SOHOA_LANG === 'vi' ? 'vi' : ctx.lang;
      const dataDir = resolveDataDir(ctx.data);
      const pool = new OcrPool({
        cacheDir: path.join(dataDir, 'ocr-data'),
        langs,
        size: values.workers ? Math.max(1, Number(values.workers) || 1) : undefined,
      });
      const reports: PageReport[] = [];
      const failures: { file: string; code: string; message: string }[] = [];
      const pages: PdfPageInput[] = [];
      const started = performance.now();
      const totals = newStageTimes();
      try {
        for (const file of positionals) {
          const name = path.basename(file);
          let bytes: Buffer;
          try {
            if (!fs.existsSync(file) || !fs.statSync(file).isFile())
              throw new UsageError(`no such file: ${file}`);
            bytes = fs.readFileSync(file);
            const ingested = await ingestAny(bytes, name);
            const done = await mapLimit(ingested.frames, pool.size + 1, async (f) => {
              const times = newStageTimes();
              // The one page pipeline: a scanned PDF page is rendered at its own resolution and
              // cleaned and read like an image; a page with its own text is copied as it is.
              const r = await processPage(
                {
                  bytes,
                  mime: ingested.mime,
                  frame: f.frame,
                  width: f.width,
                  height: f.height,
                  dpi: f.dpi,
                  rotation: 0,
                  name,
                },
                DEFAULT_CHOICES,
                pool,
                { ocr: !values['no-ocr'], dropBlank: !!values['drop-blank'], times },
              );
              addStageTimes(totals, times);
              const a = r.analysis;
              const report: PageReport = {
                file: name,
                frame: f.frame,
                kind: r.kind,
                skewDeg: a ? a.skewDeg : null,
                rotation: a ? a.orientation : null,
                blank: !!a?.blank,
                dropped: r.page === null,
                colour: a ? colourOf(a, DEFAULT_CHOICES) : null,
                ocrConfidence: r.words ? Math.round(r.words.confidence * 10) / 10 : null,
                words: r.words ? r.words.words.length : null,
                bytes: r.page?.prepared ? imageBytes(r.page.prepared) : 0,
                stages: roundedStages(times).ms,
                osd: times.runs.osd > 0,
              };
              return { report, page: r.page };
            });
            for (const d of done) {
              reports.push(d.report);
              if (d.page) pages.push(d.page);
            }
          } catch (err) {
            if (err instanceof UsageError) throw err;
            const e = toAppError(err);
            const message = e.code === 'internal' ? `${name}: ${e.detail ?? 'error'}` : errorMessage(e, lang);
            failures.push({ file: name, code: e.code, message });
            console.error(`${name}: ${message}`);
          }
        }
        if (pages.length === 0) {
          console.error(lang === 'vi' ? 'Không có trang nào để ghi PDF.' : 'No page to write.');
          return 1;
        }
        const stem = path.basename(out, path.extname(out));
        const pdf = await timeStage(totals, 'pdf', () =>
          assemblePdf(pages, {
            title: stem,
            subject: `Số hóa: ${positionals.map((p) => path.basename(p)).join(', ')}`.slice(0, 500),
            keywords: ['SoHoa Station', stem],
          }),
        );
        writeAtomic(out, pdf);
        const wallMs = Math.round(performance.now() - started);
        if (values.json)
          printJson({
            out,
            bytes: pdf.length,
            pages: reports,
            failures,
            wallMs,
            stages: roundedStages(totals),
          });
        else {
          for (const r of reports) {
            const bits =
              r.kind === 'pdf'
                ? 'PDF page with its own text, copied as is'
                : `skew ${r.skewDeg}°, turned ${r.rotation}°, ${r.colour}${r.blank ? ', BLANK' + (r.dropped ? ' (dropped)' : ' (kept)') : ''}${r.ocrConfidence !== null ? `, OCR ${r.ocrConfidence}%` : ''}, ${Math.round(r.bytes / 1024)} KB`;
            console.log(`${r.file}${r.frame ? ` [${r.frame + 1}]` : ''}: ${bits}`);
          }
          console.log(`${out}: ${pages.length} page(s), ${pdf.length} bytes`);
        }
        return failures.length ? 3 : 0;
      } finally {
        await pool.close();
      }
    },
  },
};
