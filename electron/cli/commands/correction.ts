import { type Command, need, parse, printJson, UsageError, withClient } from './kit';

/** Đính chính from the command line (docs/architecture.md, reception): run as `--user U` with SOHOA_PASSWORD. */
export const correctionCommands: Record<string, Command> = {
  'dossier correct': {
    usage:
      'dossier correct ID --reason "…" [--json]               open a correction of a received dossier (supervisor)',
    async run(argv, ctx) {
      const { values, positionals } = parse(argv, { reason: { type: 'string' }, json: { type: 'boolean' } });
      const dossierId = need(positionals[0], 'dossier ID');
      const reason = need(values.reason, '--reason "…"').trim();
      if (reason.length < 10 || reason.length > 2000)
        throw new UsageError('--reason must be 10 to 2000 characters');
      const d = await withClient(ctx, (c) => c.call('reception.correct', { dossierId, reason }));
      if (values.json) return printJson(d);
      console.log(`${d.code ?? d.id}: correction open (version ${d.version ?? 1} kept)`);
    },
  },

  'dossier finish-correction': {
    usage:
      'dossier finish-correction ID [--json]                  finish the correction once re-signed; queues the update',
    async run(argv, ctx) {
      const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
      const dossierId = need(positionals[0], 'dossier ID');
      const d = await withClient(ctx, (c) => c.call('reception.finishCorrection', { dossierId }));
      if (values.json) return printJson(d);
      console.log(`${d.code ?? d.id}: version ${d.version ?? 1}`);
    },
  },
};
