import { RatingLevel } from '../../../shared/api/rooms/feedback';
import { ui } from '../../../shared/i18n/ui';
import { type Command, parse, printJson, UsageError, withClient } from './kit';

export const feedbackCommands: Record<string, Command> = {
  'feedback list': {
    usage:
      "feedback list [--from DATE] [--to DATE] [--level L] [--json]   the citizens' ratings (default: the last 30 days), newest first",
    async run(argv, ctx) {
      const { values } = parse(argv, {
        from: { type: 'string' },
        to: { type: 'string' },
        level: { type: 'string' },
        json: { type: 'boolean' },
      });
      const level = values.level === undefined ? undefined : RatingLevel.safeParse(values.level);
      if (level && !level.success) throw new UsageError(`--level: one of ${RatingLevel.options.join(', ')}`);
      const ratings = await withClient(ctx, (c) =>
        c.call('feedback.list', { from: values.from, to: values.to, level: level?.data }),
      );
      if (values.json) return printJson(ratings);
      const t = ui[ctx.lang].feedback;
      for (const r of ratings) {
        const reasons = r.reasons.map((x) => t.reasons[x]).join(', ');
        console.log(
          `${r.at.slice(0, 16)}  ${(r.dossierCode ?? r.dossierId).padEnd(26)} ${t.levels[r.level].padEnd(16)} ${r.counter}  ${r.clerk ?? '—'}${reasons ? `  [${reasons}]` : ''}${r.comment ? `  “${r.comment}”` : ''}`,
        );
      }
      if (ratings.length === 0) console.log(ctx.lang === 'vi' ? 'Chưa có đánh giá.' : 'No ratings.');
    },
  },
};
