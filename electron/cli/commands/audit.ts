import { auditProblemText } from '../../../shared/i18n/audit';
import { type Command, parse, printJson, withClient } from './kit';

export const auditCommands: Record<string, Command> = {
  'audit list': {
    usage:
      'audit list [--dossier ID] [--limit N] [--json]          who did what, newest first (nhật ký thao tác)',
    async run(argv, ctx) {
      const { values } = parse(argv, {
        dossier: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'boolean' },
      });
      const limit = values.limit ? Math.max(1, Math.min(5000, Number(values.limit) || 50)) : 50;
      const entries = await withClient(ctx, (c) =>
        c.call('audit.list', { ...(values.dossier ? { dossierId: values.dossier } : {}), limit }),
      );
      if (values.json) printJson(entries);
      else
        for (const e of entries)
          console.log(`${e.seq}\t${e.at}\t${e.actor}\t${e.action}\t${e.dossierId ?? '-'}\t${e.detail}`);
      return 0;
    },
  },
  'audit verify': {
    usage: 'audit verify [--json]                                  check the log is whole and unaltered',
    async run(argv, ctx) {
      const { values } = parse(argv, { json: { type: 'boolean' } });
      const check = await withClient(ctx, (c) => c.call('audit.verify', {}));
      const vi = ctx.lang === 'vi';
      if (values.json) printJson(check);
      else if (check.intact)
        console.log(
          vi ? `Nhật ký nguyên vẹn: ${check.entries} mục.` : `The log is whole: ${check.entries} entries.`,
        );
      else {
        for (const p of check.problems) console.log(auditProblemText(p, ctx.lang));
        console.log(vi ? 'Hãy báo cho quản trị.' : 'Tell the administrator.');
      }
      return check.intact ? 0 : 1;
    },
  },
};
