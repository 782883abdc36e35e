import fs from 'node:fs';
import path from 'node:path';
import type { PurgePlan, PurgeReport } from '../../../shared/api/rooms/privacy';
import { type Command, need, parse, printJson, withClient, writeAtomic } from './kit';

/** Dữ liệu cá nhân — the personal data lifecycle from the command line (docs/architecture.md, privacy). */

const day = (iso: string) => iso.slice(0, 10);

function planLine(d: PurgePlan['dossiers'][number]): string {
  const what = d.held
    ? `held: ${d.held}`
    : [
        ...d.due.map((x) => `${x.kind} ${day(x.at)}`),
        ...d.purged.map((x) => `${x.kind} purged ${day(x.at)}`),
      ].join(', ');
  return `${(d.code ?? d.dossierId).padEnd(28)} ${what}`;
}

function reportLines(r: PurgeReport): string[] {
  return [
    ...r.purged.map(
      (p) =>
        `${(p.code ?? p.dossierId).padEnd(28)} ${r.dryRun ? 'would purge' : 'purged'} ${p.kinds.join('+')}: ${p.pages} pages, ${p.pdfs} PDFs, ${p.blobs} files`,
    ),
    `${r.purged.length} dossier(s) ${r.dryRun ? 'would be purged' : 'purged'}, ${r.held.length} held back`,
  ];
}

export const privacyCommands: Record<string, Command> = {
  'privacy plan': {
    usage:
      'privacy plan [--json]                                   what is purged when, what is held back and why',
    async run(argv, ctx) {
      const { values } = parse(argv, { json: { type: 'boolean' } });
      const plan = await withClient(ctx, (c) => c.call('privacy.plan', {}));
      if (values.json) printJson(plan);
      else for (const d of plan.dossiers) console.log(planLine(d));
      return 0;
    },
  },
  'privacy purge': {
    usage:
      'privacy purge [--dry-run] [--json]                      purge the personal data past its retention',
    async run(argv, ctx) {
      const { values } = parse(argv, { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } });
      const report = await withClient(ctx, (c) =>
        c.call('privacy.purge', { dryRun: values['dry-run'] === true }),
      );
      if (values.json) printJson(report);
      else for (const l of reportLines(report)) console.log(l);
      return 0;
    },
  },
  'privacy export': {
    usage:
      'privacy export --applicant ID --out DIR                 everything held about one citizen (CCCD or tax code)',
    async run(argv, ctx) {
      const { values } = parse(argv, { applicant: { type: 'string' }, out: { type: 'string' } });
      const applicantId = need(values.applicant, '--applicant ID');
      const out = path.resolve(need(values.out, '--out DIR'));
      const result = await withClient(ctx, (c) => c.call('privacy.export', { applicantId }));
      fs.mkdirSync(out, { recursive: true, mode: 0o700 });
      for (const f of result.files)
        writeAtomic(path.join(out, path.basename(f.name)), Buffer.from(f.dataBase64, 'base64'));
      console.log(`${result.dossiers} dossier(s), ${result.files.length} file(s) → ${out}`);
      return 0;
    },
  },
};
