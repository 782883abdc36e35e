import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Client } from '../../../shared/api/client';
import { sendFiles } from '../../../shared/api/upload';
import { errorMessage, type Lang } from '../../../shared/i18n/errors';
import { createEngine, resolveDataDir } from '../../engine';
import { connectInProcess } from '../../engine/transport/in-process';

export class UsageError extends Error {}

export interface CliContext {
  data: string | undefined;
  lang: Lang;
  /** `--user U`: the account the command runs as (password from SOHOA_PASSWORD, never argv). */
  user?: string;
}

export interface Command {
  /** One line of `sohoa --help`: the words after `sohoa` and what the command does. */
  usage: string;
  run(argv: string[], ctx: CliContext): Promise<number | void>;
}

const GLOBAL = { data: { type: 'string' }, lang: { type: 'string' }, user: { type: 'string' } } as const;

export function parse<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
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

export function need<T>(value: T | undefined, what: string): T {
  if (value === undefined || value === '') throw new UsageError(`missing ${what}`);
  return value;
}

export async function withClient<T>(ctx: CliContext, fn: (client: Client) => Promise<T>): Promise<T> {
  const engine = createEngine({ dataDir: resolveDataDir(ctx.data) });
  const client = connectInProcess(engine);
  try {
    if (ctx.user) {
      const password = process.env.SOHOA_PASSWORD;
      if (!password) throw new UsageError('--user needs the password in SOHOA_PASSWORD');
      const session = await client.call('accounts.signIn', { username: ctx.user, password });
      client.setSession(session.token);
    }
    return await fn(client);
  } finally {
    client.dispose();
    engine.close();
  }
}

export const printJson = (v: unknown) => console.log(JSON.stringify(v, null, 2));

/** Writes through a temp file and a rename, so a reader never sees half a PDF. */
export function writeAtomic(file: string, bytes: Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/** The files named on the command line, checked to exist and read for the contract (base64). */
export function readFileArgs(files: string[], what: string): { name: string; dataBase64: string }[] {
  if (files.length === 0) throw new UsageError(`missing FILE... (${what})`);
  const missing = files.filter((f) => !fs.existsSync(f) || !fs.statSync(f).isFile());
  if (missing.length) throw new UsageError(`no such file: ${missing.join(', ')}`);
  return files.map((f) => ({ name: path.basename(f), dataBase64: fs.readFileSync(f).toString('base64') }));
}

/**
 * `… ID --component CODE FILE... [--json]`: the files given to one component of a dossier
 * through `method`, the pages added counted and each refused file named (exit 1 if any).
 * `json: 'all'` prints the whole result (with the dossier); `explain` adds the reason in words.
 */
export function addFilesCommand(
  usage: string,
  method: 'dossier.addPages' | 'scan.import',
  what: string,
  opts: { json: 'pages' | 'all'; explain: boolean },
): Command {
  return {
    usage,
    async run(argv, ctx) {
      const { values, positionals } = parse(argv, {
        component: { type: 'string' },
        json: { type: 'boolean' },
      });
      const [id, ...files] = positionals;
      const dossierId = need(id, 'dossier ID');
      const componentCode = need(values.component, '--component CODE');
      const uploads = readFileArgs(files, what);
      // Small files in batches, a big one in chunks: every call within the transports' bound.
      const sent = await withClient(ctx, (c) =>
        sendFiles(c, uploads, { method, dossierId, componentCode, newId: () => crypto.randomUUID() }),
      );
      const result = sent;
      if (values.json)
        printJson(opts.json === 'all' ? result : { added: result.added, rejected: result.rejected });
      else {
        console.log(`added ${result.added.length} page(s) to ${componentCode}`);
        for (const r of result.rejected)
          console.error(
            `rejected ${r.name} [${r.error.code}]${opts.explain ? `: ${errorMessage(r.error, ctx.lang)}` : ''}`,
          );
      }
      return result.rejected.length ? 1 : 0;
    },
  };
}
