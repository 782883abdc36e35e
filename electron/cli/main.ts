/**
 * `sohoa` — the station's command line, over the same engine and the same
 * contract as the app (in-process transport).
 */
import { parseArgs } from 'node:util';
import { CallFailed } from '../../shared/api/client';
import { StationError } from '../../shared/api/errors';
import { errorMessage, type Lang } from '../../shared/i18n/errors';
import { VERSION } from '../engine';
import { type CliContext, commands, UsageError } from './commands';
import { helpText } from './help';

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  // A closed pipe (e.g. `sohoa catalog list | head`) is a normal end, not a crash.
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

async function main(argv: string[]): Promise<number> {
  const { values, positionals, tokens } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    tokens: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
      data: { type: 'string' },
      lang: { type: 'string' },
      user: { type: 'string' },
    },
  });
  const lang: Lang = (values.lang ?? process.env.SOHOA_LANG) === 'vi' ? 'vi' : 'en';
  if (values.version) {
    console.log(VERSION);
    return 0;
  }
  const [group, sub] = positionals;
  if (values.help || !group) {
    console.log(helpText());
    return values.help ? 0 : 2;
  }
  const key = commands[`${group} ${sub}`] ? `${group} ${sub}` : group;
  const command = commands[key];
  if (!command) {
    console.error(`unknown command: ${positionals.join(' ')}\n\n${helpText()}`);
    return 2;
  }
  // Drop the command words themselves (by position, so an option value equal to one survives).
  const words = key.split(' ').length;
  const commandAt = new Set(
    tokens
      .filter((t) => t.kind === 'positional')
      .slice(0, words)
      .map((t) => t.index),
  );
  const rest = argv.filter((_, i) => !commandAt.has(i));
  const ctx: CliContext = {
    data: typeof values.data === 'string' ? values.data : undefined,
    lang,
    user: typeof values.user === 'string' ? values.user : undefined,
  };
  try {
    return (await command.run(rest, ctx)) ?? 0;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n(see: sohoa --help)`);
      return 2;
    }
    const appError =
      err instanceof CallFailed ? err.error : err instanceof StationError ? err.toValue() : null;
    if (appError) {
      console.error(`error [${appError.code}]: ${errorMessage(appError, lang)}`);
      if (appError.detail && process.env.SOHOA_DEBUG) console.error(appError.detail);
      return 1;
    }
    console.error(err instanceof Error ? (process.env.SOHOA_DEBUG ? err.stack : err.message) : String(err));
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
