import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Client } from '../../shared/api/client';
import type { Dossier } from '../../shared/api/contract';
import type { Lang } from '../../shared/i18n/errors';
import { createEngine, resolveDataDir } from '../engine';
import { connectInProcess } from '../engine/transport/in-process';
import { runWebMode } from '../web/run';

export class UsageError extends Error {}

export interface CliContext {
  data: string | undefined;
  lang: Lang;
}

type Command = (argv: string[], ctx: CliContext) => Promise<number | void>;

const GLOBAL = { data: { type: 'string' }, lang: { type: 'string' } } as const;

function parse<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  try {
    return parseArgs({
      args: argv,
      options: { ...GLOBAL, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined || value === '') throw new UsageError(`missing ${what}`);
  return value;
}

async function withClient<T>(ctx: CliContext, fn: (client: Client) => Promise<T>): Promise<T> {
  const engine = createEngine({ dataDir: resolveDataDir(ctx.data) });
  const client = connectInProcess(engine);
  try {
    return await fn(client);
  } finally {
    client.dispose();
    engine.close();
  }
}

const printJson = (v: unknown) => console.log(JSON.stringify(v, null, 2));

/** Writes through a temp file and a rename, so a reader never sees half a PDF. */
function writeAtomic(file: string, bytes: Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

function describe(d: Dossier): string {
  const lines = [`${d.id}  ${d.procedureCode} ${d.procedureName} — ${d.applicantName} (${d.status})`];
  for (const c of d.components) {
    const pdf = c.pdf ? `, PDF ${c.pdf.pageCount} p${c.pdf.current ? '' : ' (outdated)'}` : '';
    lines.push(`  ${c.required ? '*' : ' '} ${c.code.padEnd(8)} ${c.pages.length} page(s)${pdf}  ${c.name}`);
  }
  return lines.join('\n');
}

export const commands: Record<string, Command> = {
  'catalog list': async (argv, ctx) => {
    const { values } = parse(argv, { json: { type: 'boolean' } });
    const procedures = await withClient(ctx, (c) => c.call('catalog.list', {}));
    if (values.json) return printJson(procedures);
    for (const p of procedures) {
      console.log(`${p.code.padEnd(12)} ${p.name}  [${p.components.map((c) => c.code).join(', ')}]`);
    }
  },

  'dossier new': async (argv, ctx) => {
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

  'dossier list': async (argv, ctx) => {
    const { values } = parse(argv, { json: { type: 'boolean' } });
    const list = await withClient(ctx, (c) => c.call('dossier.list', {}));
    if (values.json) return printJson(list);
    if (list.length === 0) console.log('(no dossiers)');
    for (const d of list)
      console.log(`${d.id}  ${d.createdAt}  ${d.procedureCode}  ${d.pageCount} p  ${d.applicantName}`);
  },

  'dossier show': async (argv, ctx) => {
    const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
    const id = need(positionals[0], 'dossier ID');
    const dossier = await withClient(ctx, (c) => c.call('dossier.get', { dossierId: id }));
    if (values.json) return printJson(dossier);
    console.log(describe(dossier));
  },

  'dossier add-pages': async (argv, ctx) => {
    const { values, positionals } = parse(argv, { component: { type: 'string' }, json: { type: 'boolean' } });
    const [id, ...files] = positionals;
    const dossierId = need(id, 'dossier ID');
    const componentCode = need(values.component, '--component CODE');
    if (files.length === 0) throw new UsageError('missing FILE... (the page images to add)');
    const missing = files.filter((f) => !fs.existsSync(f) || !fs.statSync(f).isFile());
    if (missing.length) throw new UsageError(`no such file: ${missing.join(', ')}`);
    const uploads = files.map((f) => ({
      name: path.basename(f),
      dataBase64: fs.readFileSync(f).toString('base64'),
    }));
    const result = await withClient(ctx, (c) =>
      c.call('pages.add', { dossierId, componentCode, files: uploads }),
    );
    if (values.json) printJson({ added: result.added, rejected: result.rejected });
    else {
      console.log(`added ${result.added.length} page(s) to ${componentCode}`);
      for (const r of result.rejected) console.error(`rejected ${r.name} [${r.error.code}]`);
    }
    return result.rejected.length ? 1 : 0;
  },

  'dossier pdf': async (argv, ctx) => {
    const { values, positionals } = parse(argv, { component: { type: 'string' }, out: { type: 'string' } });
    const dossierId = need(positionals[0], 'dossier ID');
    const componentCode = need(values.component, '--component CODE');
    const out = path.resolve(need(values.out, '--out FILE'));
    const pdf = await withClient(ctx, async (c) => {
      await c.call('component.assemble', { dossierId, componentCode });
      return c.call('component.pdf', { dossierId, componentCode });
    });
    const bytes = Buffer.from(pdf.dataBase64, 'base64');
    writeAtomic(out, bytes);
    console.log(`${out} (${bytes.length} bytes)`);
  },

  web: async (argv, ctx) => {
    const { values } = parse(argv, { port: { type: 'string' } });
    await runWebMode({ port: values.port ? Number(values.port) : undefined, data: ctx.data });
    await new Promise(() => {});
  },
};
