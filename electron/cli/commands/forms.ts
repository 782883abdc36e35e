import path from 'node:path';
import { type Command, need, parse, printJson, UsageError, withClient, writeAtomic } from './kit';

const FORMS = ['01', '02', '03', '04', '05', '07'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The one-stop forms, the refusal and the apology, and the register book, from the command line. */
export const formCommands: Record<string, Command> = {
  receipt: {
    usage:
      'receipt ID --out FILE.pdf [--form 01|02|03|04|05|07] [--reason "…"]  a form: 01 receipt, 02 completion, 03 refusal, 04 apology, 05 control sheet, 07 stop notice (--reason records a new one)',
    async run(argv, ctx) {
      const { values, positionals } = parse(argv, {
        out: { type: 'string' },
        form: { type: 'string' },
        reason: { type: 'string' },
      });
      const dossierId = need(positionals[0], 'dossier ID');
      const out = path.resolve(need(values.out, '--out FILE.pdf'));
      const form = values.form ?? '01';
      if (!(FORMS as readonly string[]).includes(form))
        throw new UsageError('--form must be 01, 02, 03, 04, 05 or 07');
      const reason = values.reason?.trim();
      if (reason !== undefined && form !== '07')
        throw new UsageError('--reason goes with --form 07 (the stop notice) only');
      if (reason !== undefined && reason.length < 10)
        throw new UsageError('--reason must be at least 10 characters');
      const f = await withClient(ctx, async (c) => {
        // Thông báo dừng giải quyết: the reason is recorded first, then the notice printed.
        if (reason !== undefined) await c.call('reception.stopNotice', { dossierId, reason });
        return c.call('reception.receipt', { dossierId, form: form as (typeof FORMS)[number] });
      });
      const bytes = Buffer.from(f.dataBase64, 'base64');
      writeAtomic(out, bytes);
      console.log(`${out} (${bytes.length} bytes)`);
    },
  },

  'dossier refuse': {
    usage:
      'dossier refuse ID --reason "…" [--json]                refuse a draft (form 03 prints it) or a received dossier (portal status 3)',
    async run(argv, ctx) {
      const { values, positionals } = parse(argv, { reason: { type: 'string' }, json: { type: 'boolean' } });
      const dossierId = need(positionals[0], 'dossier ID');
      const reason = need(values.reason, '--reason "…"').trim();
      if (reason.length < 10) throw new UsageError('--reason must be at least 10 characters');
      const d = await withClient(ctx, (c) => c.call('reception.refuse', { dossierId, reason }));
      if (values.json) return printJson(d);
      console.log(`${d.id}: refused (${d.refusal?.at ?? ''})`);
    },
  },

  'dossier withdraw': {
    usage:
      'dossier withdraw ID --reason "…" [--json]              the citizen withdraws a received dossier (portal status 7)',
    async run(argv, ctx) {
      const { values, positionals } = parse(argv, { reason: { type: 'string' }, json: { type: 'boolean' } });
      const dossierId = need(positionals[0], 'dossier ID');
      // The length is checked by the engine, which says it in Vietnamese (ending_reason_invalid).
      const reason = need(values.reason, '--reason "…"');
      const d = await withClient(ctx, (c) => c.call('reception.withdraw', { dossierId, reason }));
      if (values.json) return printJson(d);
      console.log(`${d.code ?? d.id}: withdrawn (${d.withdrawal?.at ?? ''})`);
    },
  },

  'dossier apologize': {
    usage:
      'dossier apologize ID --reason "…" --cause subjective|objective --new-date ISO [--json]  apology and new date (form 04)',
    async run(argv, ctx) {
      const { values, positionals } = parse(argv, {
        reason: { type: 'string' },
        cause: { type: 'string' },
        'new-date': { type: 'string' },
        json: { type: 'boolean' },
      });
      const dossierId = need(positionals[0], 'dossier ID');
      const reason = need(values.reason, '--reason "…"').trim();
      if (reason.length < 10) throw new UsageError('--reason must be at least 10 characters');
      const cause = need(values.cause, '--cause subjective|objective');
      if (cause !== 'subjective' && cause !== 'objective')
        throw new UsageError('--cause must be subjective (the agency’s own delay) or objective');
      const newAppointmentAt = need(values['new-date'], '--new-date ISO_DATETIME');
      const d = await withClient(ctx, (c) =>
        c.call('reception.apologize', { dossierId, reason, cause, newAppointmentAt }),
      );
      if (values.json) return printJson(d);
      console.log(`${d.code ?? d.id}  hẹn lại ${d.appointmentAt}`);
    },
  },

  register: {
    usage:
      'register [--from DATE] [--to DATE] --out FILE.xlsx|FILE.pdf  the register book (sổ theo dõi hồ sơ); default this month',
    async run(argv, ctx) {
      const { values } = parse(argv, {
        from: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string' },
      });
      const out = path.resolve(need(values.out, '--out FILE.xlsx|FILE.pdf'));
      const format = /\.pdf$/i.test(out) ? 'pdf' : /\.xlsx$/i.test(out) ? 'xlsx' : null;
      if (!format) throw new UsageError('--out must end in .xlsx or .pdf');
      for (const d of [values.from, values.to])
        if (d !== undefined && !DATE.test(d)) throw new UsageError(`not a date YYYY-MM-DD: ${d}`);
      const f = await withClient(ctx, (c) =>
        c.call('reception.register', { from: values.from, to: values.to, format }),
      );
      const bytes = Buffer.from(f.dataBase64, 'base64');
      writeAtomic(out, bytes);
      console.log(`${out} (${bytes.length} bytes)`);
    },
  },
};
