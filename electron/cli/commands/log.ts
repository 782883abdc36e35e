import { LOG_EXPORT_DAYS, LOG_KEEP_DAYS } from '../../../shared/domain/log-files';
import { type Command, parse, printJson, UsageError, withClient } from './kit';

/** Nhật ký kỹ thuật — the support export from the command line (docs/architecture.md, log room). */
export const logCommands: Record<string, Command> = {
  'log export': {
    usage:
      'log export [--days N] [--json]                          zip the last N days of logs for support (nhật ký hỗ trợ)',
    async run(argv, ctx) {
      const { values } = parse(argv, { days: { type: 'string' }, json: { type: 'boolean' } });
      const days = values.days === undefined ? LOG_EXPORT_DAYS : Number(values.days);
      if (!Number.isInteger(days) || days < 1 || days > LOG_KEEP_DAYS)
        throw new UsageError(`--days must be a whole number from 1 to ${LOG_KEEP_DAYS}`);
      const out = await withClient(ctx, (c) => c.call('log.exportSupport', { days }));
      if (values.json) printJson(out);
      else {
        const kb = Math.max(1, Math.round(out.size / 1024));
        console.log(
          ctx.lang === 'vi'
            ? `Đã tạo gói nhật ký hỗ trợ (${kb} KB, ${out.files.length} tệp): ${out.path}`
            : `Support log bundle written (${kb} KB, ${out.files.length} files): ${out.path}`,
        );
      }
      return 0;
    },
  },
};
