import fs from 'node:fs';
import path from 'node:path';
import { parseCccdQr } from '../../../shared/domain/cccd';
import {
  CalendarError,
  computeDeadline,
  DEFAULT_SESSIONS,
  type Holiday,
} from '../../../shared/domain/deadline';
import { holidaysOf } from '../../../shared/domain/holidays';
import { searchProcedures } from '../../../shared/domain/search';
import { readHolidayFile } from './holidays';
import { type Command, need, parse, printJson, UsageError, withClient, writeAtomic } from './kit';

export const receptionCommands: Record<string, Command> = {
  'catalog import': {
    usage:
      'catalog import FILE [--json]                           import procedures from JSON or XLSX (all or nothing)',
    async run(argv, ctx) {
      const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
      const file = need(positionals[0], 'FILE (catalogue .json or .xlsx)');
      if (!fs.existsSync(file)) throw new UsageError(`no such file: ${file}`);
      const result = await withClient(ctx, (c) =>
        c.call('catalog.import', {
          fileName: path.basename(file),
          dataBase64: fs.readFileSync(file).toString('base64'),
        }),
      );
      if (values.json)
        return printJson({
          imported: result.imported,
          codes: result.procedures.map((p) => p.code),
          skipped: result.skipped ?? [],
        });
      console.log(`imported ${result.imported} procedure(s)`);
      if (result.skipped?.length)
        console.log(
          `skipped ${result.skipped.length} not on the station (a national list has no deadline or papers): ${result.skipped.join(', ')}`,
        );
    },
  },

  'catalog export': {
    usage: 'catalog export --out FILE.json|FILE.xlsx                the catalogue as JSON or XLSX',
    async run(argv, ctx) {
      const { values } = parse(argv, { out: { type: 'string' } });
      const out = path.resolve(need(values.out, '--out FILE'));
      const format = /\.xlsx$/i.test(out) ? 'xlsx' : 'json';
      const f = await withClient(ctx, (c) => c.call('catalog.export', { format }));
      writeAtomic(out, Buffer.from(f.dataBase64, 'base64'));
      console.log(out);
    },
  },

  'catalog search': {
    usage:
      'catalog search WORDS... [--json]                       find procedures by code or words, diacritics optional',
    async run(argv, ctx) {
      const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
      const list = await withClient(ctx, (c) => c.call('catalog.list', {}));
      const found = searchProcedures(list, positionals.join(' '));
      if (values.json) return printJson(found);
      for (const p of found) console.log(`${p.code.padEnd(12)} ${p.name}`);
      return found.length ? 0 : 1;
    },
  },

  'applicant parse-qr': {
    usage:
      'applicant parse-qr TEXT [--json]                       read a CCCD QR text; checks the ID number digits',
    async run(argv) {
      const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
      const result = parseCccdQr(need(positionals.join(' ') || undefined, 'TEXT (the QR content)'));
      if (values.json) printJson(result);
      else if (result.ok) {
        const p = result.person;
        console.log(`${p.idNumber}  ${p.name}  ${p.birthDate ?? ''}  ${p.gender ?? ''}\n${p.address ?? ''}`);
        for (const w of result.warnings) console.error(`warning: ${w.detail}`);
      } else console.error(`${result.error.code}: ${result.error.detail}`);
      return result.ok ? 0 : 1;
    },
  },

  deadline: {
    usage:
      'deadline --received ISO_DATETIME (--days N | --hours N) [--cutoff HH:mm] [--holidays FILE] [--json]  appointment date',
    async run(argv, ctx) {
      const { values } = parse(argv, {
        received: { type: 'string' },
        days: { type: 'string' },
        hours: { type: 'string' },
        holidays: { type: 'string' },
        cutoff: { type: 'string' },
        json: { type: 'boolean' },
      });
      const receivedAt = need(values.received, '--received ISO_DATETIME');
      if (values.cutoff !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(values.cutoff))
        throw new UsageError('--cutoff must be a time HH:mm, e.g. 15:00');
      if ((values.days === undefined) === (values.hours === undefined))
        throw new UsageError('give exactly one of --days N or --hours N');
      const n = Number(values.days ?? values.hours);
      if (!Number.isFinite(n) || n < 0) throw new UsageError('--days/--hours must be a number ≥ 0');
      let holidays: Holiday[];
      let sessions = DEFAULT_SESSIONS;
      let extra: string[] = [];
      if (values.holidays) holidays = readHolidayFile(values.holidays);
      else {
        const s = await withClient(ctx, (c) => c.call('settings.get', {}));
        holidays = s.holidays;
        sessions = s.officeHours;
        extra = s.extraWorkingDays;
      }
      try {
        const d = computeDeadline(
          { sessions, holidays, extraWorkingDays: extra, fillYear: holidaysOf },
          {
            receivedAt,
            ...(values.days !== undefined ? { days: n } : { hours: n }),
            cutoff: values.cutoff,
          },
        );
        if (values.json) return printJson({ ...d, unconfirmed_years: d.unconfirmedYears });
        console.log(d.appointmentAt);
        if (d.unconfirmedYears.length)
          console.error(`warning: holidays of ${d.unconfirmedYears.join(', ')} not confirmed (computed)`);
      } catch (err) {
        if (err instanceof CalendarError) throw new UsageError(err.message);
        throw err;
      }
    },
  },

  'dossier receive': {
    usage:
      'dossier receive ID [--except CODE=REASON]... [--consent | --consent-document CODE] [--result counter|post|online [--address TEXT]] [--unsigned-reason TEXT] [--json]  receive; consent = submit online; unsigned components need a reason',
    async run(argv, ctx) {
      const { values, positionals } = parse(argv, {
        except: { type: 'string', multiple: true },
        consent: { type: 'boolean' },
        'consent-document': { type: 'string' },
        result: { type: 'string' },
        address: { type: 'string' },
        'unsigned-reason': { type: 'string' },
        json: { type: 'boolean' },
      });
      const dossierId = need(positionals[0], 'dossier ID');
      const resultMethod = values.result ?? 'counter';
      if (resultMethod !== 'counter' && resultMethod !== 'post' && resultMethod !== 'online')
        throw new UsageError('--result must be counter, post or online');
      const exceptions = (values.except ?? []).map((e) => {
        const i = e.indexOf('=');
        if (i < 1) throw new UsageError(`--except needs CODE=REASON, got "${e}"`);
        return { componentCode: e.slice(0, i), reason: e.slice(i + 1) };
      });
      const doc = values['consent-document'];
      const consent = doc
        ? { how: 'document' as const, componentCode: doc }
        : values.consent
          ? { how: 'checkbox' as const }
          : null;
      const d = await withClient(ctx, (c) =>
        c.call('reception.receive', {
          dossierId,
          exceptions,
          consent,
          resultMethod,
          deliveryAddress: values.address,
          unsignedReason: values['unsigned-reason'],
        }),
      );
      if (values.json) return printJson(d);
      console.log(`${d.code}  hẹn trả ${d.appointmentAt}`);
    },
  },
};
