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
  'catalog sync': {
    usage:
      'catalog sync [--json]                                  each procedure beside the national database (LayThuTuc, DVCQG settings)',
    async run(argv, ctx) {
      const { values } = parse(argv, { json: { type: 'boolean' } });
      const diff = await withClient(ctx, (c) => c.call('catalog.nationalDiff', {}));
      if (values.json) return printJson(diff);
      for (const i of diff.items) {
        const what = !i.found
          ? 'không có trên CSDL quốc gia / not in the national database'
          : i.differs.length === 0
            ? 'khớp / same'
            : i.differs
                .map((d) =>
                  d === 'name' ? `tên: ${i.nationalName ?? ''}` : `lĩnh vực: ${i.nationalField ?? ''}`,
                )
                .join('; ');
        console.log(`${i.code.padEnd(12)} ${i.localName}  → ${what}`);
      }
    },
  },
};
