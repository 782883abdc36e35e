import path from 'node:path';
import type { Dossier } from '../../../shared/api/contract';
import { addFilesCommand, type Command, need, parse, printJson, withClient, writeAtomic } from './kit';

function describe(d: Dossier): string {
  const lines = [`${d.id}  ${d.procedureCode} ${d.procedureName} — ${d.applicantName} (${d.status})`];
  for (const c of d.components) {
    const pdf = c.pdf ? `, PDF ${c.pdf.pageCount} p${c.pdf.current ? '' : ' (outdated)'}` : '';
    lines.push(`  ${c.required ? '*' : ' '} ${c.code.padEnd(8)} ${c.pages.length} page(s)${pdf}  ${c.name}`);
  }
  return lines.join('\n');
}

export const dossierCommands: Record<string, Command> = {
  'dossier new': {
    usage: 'dossier new --procedure CODE --applicant-name NAME [--json]  create a dossier; prints its id',
    async run(argv, ctx) {
      const { values } = parse(argv, {
        procedure: { type: 'string' },
        'applicant-name': { type: 'string' },
        json: { type: 'boolean' },
      });
      const dossier = await withClient(ctx, (c) =>
        c.call('dossier.create', {
          procedureCode: need(values.procedure, '--procedure CODE'),
          applicantName: need(values['applicant-name'], '--applicant-name NAME'),
        }),
      );
      if (values.json) return printJson({ id: dossier.id, dossier });
      console.log(dossier.id);
    },
  },

  'dossier list': {
    usage: 'dossier list [--json]                                  dossiers, newest first',
    async run(argv, ctx) {
      const { values } = parse(argv, { json: { type: 'boolean' } });
      const list = await withClient(ctx, (c) => c.call('dossier.list', {}));
      if (values.json) return printJson(list);
      if (list.length === 0) console.log('(no dossiers)');
      for (const d of list) {
        console.log(`${d.id}  ${d.createdAt}  ${d.procedureCode}  ${d.pageCount} p  ${d.applicantName}`);
      }
    },
  },

  'dossier show': {
    usage: 'dossier show ID [--json]                               one dossier with its components and pages',
    async run(argv, ctx) {
      const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
      const id = need(positionals[0], 'dossier ID');
      const dossier = await withClient(ctx, (c) => c.call('dossier.get', { dossierId: id }));
      if (values.json) return printJson(dossier);
      console.log(describe(dossier));
    },
  },

  'dossier add-pages': addFilesCommand(
    'dossier add-pages ID --component CODE FILE... [--json] add JPEG/PNG/TIFF page images',
    'dossier.addPages',
    'the page images to add',
    { json: 'pages', explain: false },
  ),

  'dossier pdf': {
    usage: 'dossier pdf ID --component CODE --out FILE             assemble a component into a PDF',
    async run(argv, ctx) {
      const { values, positionals } = parse(argv, { component: { type: 'string' }, out: { type: 'string' } });
      const dossierId = need(positionals[0], 'dossier ID');
      const componentCode = need(values.component, '--component CODE');
      const out = path.resolve(need(values.out, '--out FILE'));
      const pdf = await withClient(ctx, async (c) => {
        await c.call('documents.assemble', { dossierId, componentCode });
        return c.call('documents.componentPdf', { dossierId, componentCode });
      });
      const bytes = Buffer.from(pdf.dataBase64, 'base64');
      writeAtomic(out, bytes);
      console.log(`${out} (${bytes.length} bytes)`);
    },
  },
};
