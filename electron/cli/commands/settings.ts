import { PublicSettingsPatch } from '../../../shared/api/rooms/settings';
import { type Command, need, parse, printJson, UsageError, withClient } from './kit';

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
      'settings set KEY VALUE                                 change one setting, e.g. updateUrl https://… (cài đặt)',
    async run(argv, ctx) {
      const { positionals } = parse(argv, {});
      const key = need(positionals[0], 'KEY');
      if (!(key in PublicSettingsPatch.shape)) throw new UsageError(`no such setting: ${key}`);
      // A secret on the command line stays in the shell's history and in `ps`: the Settings screen takes it.
      if (key.endsWith('Secret'))
        throw new UsageError(`${key} is a secret: set it in Cài đặt, not on the command line`);
      const value = need(positionals[1], 'VALUE');
      const patch = { [key]: valueOf(value) } as PublicSettingsPatch;
      const saved = (await withClient(ctx, (c) => c.call('settings.update', patch))) as Record<
        string,
        unknown
      >;
      if (key in saved) console.log(`${key} = ${JSON.stringify(saved[key])}`);
      return 0;
    },
  },
};
