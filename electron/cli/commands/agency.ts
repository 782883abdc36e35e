import fs from 'node:fs';
import path from 'node:path';
import { Agency } from '../../../shared/api/rooms/agency';
import { type Command, need, parse, printJson, UsageError, withClient, writeAtomic } from './kit';

/** YYYY-MM-DD of today in Vietnam. */
const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/** `--out FILE.pdf|FILE.xlsx`: the format from the file's extension. */
function formatOf(out: string): 'pdf' | 'xlsx' {
  const ext = path.extname(out).toLowerCase();
  if (ext === '.pdf' || ext === '.xlsx') return ext.slice(1) as 'pdf' | 'xlsx';
  throw new UsageError(`--out: FILE.pdf or FILE.xlsx, not ${out}`);
}

export const agencyCommands: Record<string, Command> = {
  'agency list': {
    usage: 'agency list [--json]   the station kind and the agencies a postal station serves',
    async run(argv, ctx) {
      const { values } = parse(argv, { json: { type: 'boolean' } });
      const r = await withClient(ctx, (c) => c.call('agency.list', {}));
      if (values.json) return printJson(r);
      console.log(`Loại trạm: ${r.stationKind === 'postal' ? 'điểm phục vụ bưu chính' : 'bộ phận một cửa'}`);
      for (const a of r.agencies) console.log(`${a.code}\t${a.name}\t${a.procedures.join(', ')}`);
    },
  },
  'agency add': {
    usage:
      'agency add --code CODE --name NAME --procedures P1,P2 [--level commune|district|province|central] [--contact TEXT] [--days N]   adds or replaces an agency served',
    async run(argv, ctx) {
      const { values } = parse(argv, {
        code: { type: 'string' },
        name: { type: 'string' },
        procedures: { type: 'string' },
        level: { type: 'string' },
        contact: { type: 'string' },
        days: { type: 'string' },
        json: { type: 'boolean' },
      });
      const parsed = Agency.safeParse({
        code: need(values.code, '--code CODE'),
        name: need(values.name, '--name NAME'),
        procedures: need(values.procedures, '--procedures P1,P2')
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean),
        level: values.level ?? 'commune',
        contact: values.contact ?? '',
        handoverDays: values.days === undefined ? 1 : Number(values.days),
      });
      if (!parsed.success)
        throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      const list = await withClient(ctx, (c) => c.call('agency.add', parsed.data));
      if (values.json) return printJson(list);
      console.log(`Đã lưu cơ quan ${parsed.data.code}; trạm phục vụ ${list.length} cơ quan.`);
    },
  },
  'agency remove': {
    usage: 'agency remove CODE   stops serving an agency',
    async run(argv, ctx) {
      const { positionals } = parse(argv, {});
      const code = need(positionals[0], 'agency CODE');
      const list = await withClient(ctx, (c) => c.call('agency.remove', { code }));
      console.log(`Đã bỏ cơ quan ${code}; còn ${list.length} cơ quan.`);
    },
  },
  'handover list': {
    usage:
      'handover list --agency CODE [--date YYYY-MM-DD] --out FILE.pdf|FILE.xlsx [--json]   the day’s list of paper originals to hand to the agency',
    async run(argv, ctx) {
      const { values } = parse(argv, {
        agency: { type: 'string' },
        date: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean' },
      });
      const out = path.resolve(need(values.out, '--out FILE.pdf|FILE.xlsx'));
      const agencyCode = need(values.agency, '--agency CODE');
      const r = await withClient(ctx, (c) =>
        c.call('agency.handoverList', { agencyCode, day: values.date ?? today(), format: formatOf(out) }),
      );
      writeAtomic(out, Buffer.from(r.file.dataBase64, 'base64'));
      if (values.json) return printJson({ file: out, lines: r.lines });
      console.log(`${r.lines.length} hồ sơ → ${out}`);
    },
  },
  'handover confirm': {
    usage:
      'handover confirm --agency CODE --date YYYY-MM-DD [--file SCAN]   records that the agency took the originals (the signed list scanned, or its word)',
    async run(argv, ctx) {
      const { values } = parse(argv, {
        agency: { type: 'string' },
        date: { type: 'string' },
        file: { type: 'string' },
      });
      const scan = values.file
        ? { name: path.basename(values.file), dataBase64: fs.readFileSync(values.file).toString('base64') }
        : undefined;
      const h = await withClient(ctx, (c) =>
        c.call('agency.handoverConfirm', {
          agencyCode: need(values.agency, '--agency CODE'),
          day: need(values.date, '--date YYYY-MM-DD'),
          scan,
        }),
      );
      console.log(`Đã bàn giao ${h.dossiers} hồ sơ cho ${h.agencyCode} ngày ${h.day} (${h.confirmedBy}).`);
    },
  },
  'result post': {
    usage:
      'result post ID --tracking S10 | --delivered | --returned   a result by post: the postal item number (S10), then delivered or returned',
    async run(argv, ctx) {
      const { values, positionals } = parse(argv, {
        tracking: { type: 'string' },
        delivered: { type: 'boolean' },
        returned: { type: 'boolean' },
        json: { type: 'boolean' },
      });
      const dossierId = need(positionals[0], 'dossier ID');
      const steps = [values.tracking !== undefined, values.delivered, values.returned].filter(Boolean);
      if (steps.length !== 1) throw new UsageError('one of --tracking S10, --delivered, --returned');
      const step = values.tracking !== undefined ? 'tracking' : values.delivered ? 'delivered' : 'returned';
      const r = await withClient(ctx, (c) =>
        c.call('agency.recordPost', { dossierId, step, tracking: values.tracking }),
      );
      if (values.json) return printJson(r);
      console.log(`${r.code}: ${r.state}${r.tracking ? ` (${r.tracking})` : ''}`);
    },
  },
  cashbook: {
    usage:
      'cashbook --date YYYY-MM-DD [--agency CODE] --out FILE.xlsx [--json]   the day’s cash book (fees and postal charges) as XLSX',
    async run(argv, ctx) {
      const { values } = parse(argv, {
        date: { type: 'string' },
        agency: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean' },
      });
      const out = path.resolve(need(values.out, '--out FILE.xlsx'));
      if (formatOf(out) !== 'xlsx') throw new UsageError('--out: FILE.xlsx');
      const r = await withClient(ctx, (c) =>
        c.call('agency.cashbook', { day: need(values.date, '--date YYYY-MM-DD'), agencyCode: values.agency }),
      );
      writeAtomic(out, Buffer.from(r.file.dataBase64, 'base64'));
      if (values.json) return printJson({ file: out, total: r.total, lines: r.lines });
      console.log(`${r.lines.length} dòng, tổng ${r.total} đồng → ${out}`);
    },
  },
};
