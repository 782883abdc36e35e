import { CallFailed } from '../../../shared/api/client';
import { PublicSettingsPatch, SECRET_SETTINGS } from '../../../shared/api/rooms/settings';
import type { Lang } from '../../../shared/i18n';
import { type Command, parse, printJson, UsageError, withClient } from './kit';

/** A value from the command line: JSON when it parses (numbers, true/false, lists), else the text itself. */
function valueOf(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export const settingsCommands: Record<string, Command> = {
  'settings get': {
    usage:
      "settings get [KEY] [--json]                             the station's settings (secrets never shown)",
    async run(argv, ctx) {
      const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
      const settings = (await withClient(ctx, (c) => c.call('settings.get', {}))) as Record<string, unknown>;
      const key = positionals[0];
      if (key !== undefined && !(key in settings)) throw new UsageError(`no such setting: ${key}`);
      const shown = key === undefined ? settings : settings[key];
      if (values.json || typeof shown === 'object') printJson(shown);
      else console.log(String(shown));
      return 0;
    },
  },
  'settings set': {
    usage:
      'settings set KEY=VALUE...                              change settings at once, e.g. hotline=1022 workStart=07:30 (cài đặt)',
    async run(argv, ctx) {
      const { positionals } = parse(argv, {});
      const patch = patchOf(positionals);
      const saved = (await withClient(ctx, (c) =>
        c.call('settings.update', patch).catch((err: unknown) => {
          throw namedProblem(err, patch, ctx.lang);
        }),
      )) as Record<string, unknown>;
      for (const key of Object.keys(patch))
        if (key in saved) console.log(`${key} = ${JSON.stringify(saved[key])}`);
      return 0;
    },
  },
};

type Shape = Record<string, { safeParse(v: unknown): { success: boolean } }>;
const SHAPE = PublicSettingsPatch.shape as unknown as Shape;

/**
 * The patch of `KEY=VALUE...`: each value is JSON when it parses
 * (numbers, true/false, lists, objects), unless its field takes only the text — so
 * `hotline=1022` stays the text "1022". Every key is checked before anything is saved.
 */
function patchOf(args: string[]): PublicSettingsPatch {
  const pairs = args.map((a): [string, string] => {
    const at = a.indexOf('=');
    if (at <= 0) throw new UsageError(`expected KEY=VALUE, got: ${a}`);
    return [a.slice(0, at), a.slice(at + 1)];
  });
  if (pairs.length === 0) throw new UsageError('missing KEY=VALUE');
  const patch: Record<string, unknown> = {};
  for (const [key, text] of pairs) {
    // A secret on the command line stays in the shell's history and in `ps`: the Settings screen takes it.
    if ((SECRET_SETTINGS as readonly string[]).includes(key) || /secret|password/i.test(key))
      throw new UsageError(`${key} is a secret: set it in Cài đặt, not on the command line`);
    const field = SHAPE[key];
    if (!field) throw new UsageError(`no such setting: ${key}`);
    const json = valueOf(text);
    patch[key] =
      json === text || field.safeParse(json).success || !field.safeParse(text).success ? json : text;
  }
  return patch as PublicSettingsPatch;
}

/** The engine's "invalid request" for a patch, as the field that failed and what it got. */
function namedProblem(err: unknown, patch: PublicSettingsPatch, lang: Lang): unknown {
  if (!(err instanceof CallFailed) || err.error.code !== 'invalid_request') return err;
  const r = PublicSettingsPatch.safeParse(patch);
  const issue = r.success ? undefined : r.error.issues[0];
  const key = issue?.path[0];
  if (typeof key !== 'string') return err;
  const got = JSON.stringify((patch as Record<string, unknown>)[key]);
  return new UsageError(
    lang === 'vi'
      ? `Giá trị ${got} của ${key} không hợp lệ (${issue!.message}). Hãy sửa rồi chạy lại; chưa có gì được lưu.`
      : `${key}: ${got} is not accepted (${issue!.message}). Fix it and run again; nothing was saved.`,
  );
}
