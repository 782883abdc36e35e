import { type Command, parse, printJson, withClient } from './kit';

export const catalogCommands: Record<string, Command> = {
  'catalog list': {
    usage: 'catalog list [--json]                                  procedures and their component codes',
    async run(argv, ctx) {
      const { values } = parse(argv, { json: { type: 'boolean' } });
      const procedures = await withClient(ctx, (c) => c.call('catalog.list', {}));
      if (values.json) return printJson(procedures);
      for (const p of procedures) {
        console.log(`${p.code.padEnd(12)} ${p.name}  [${p.components.map((c) => c.code).join(', ')}]`);
      }
    },
  },
};
