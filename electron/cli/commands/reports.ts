import path from 'node:path';
import type { Lang } from '../../../shared/i18n/errors';
import { errorMessage } from '../../../shared/i18n/errors';
import type { Figures, Share } from '../../../shared/api/rooms/reports';
import { type Command, parse, need, printJson, UsageError, withClient, writeAtomic } from './kit';

const TEXT = {
  vi: {
    period: 'Kỳ',
    asOf: 'tính đến',
    received: 'Tiếp nhận',
    resolved: 'Đã giải quyết',
    onTimeLate: 'đúng hạn / quá hạn',
    pending: 'Đang giải quyết: trong hạn / sắp đến hạn / quá hạn / chờ bổ sung',
    shares: {
      onTime: 'Giải quyết đúng hạn',
      fullOnline: 'Trực tuyến toàn trình',
      onlinePayment: 'Thanh toán trực tuyến',
      digitized: 'Số hóa',
      uploaded: 'Đã gửi lên Cổng',
    },
    levels: {
      dark_green: 'xanh đậm',
      green: 'xanh lá',
      yellow: 'vàng',
      orange: 'cam',
      red: 'đỏ',
      no_data: 'chưa có dữ liệu',
    },
    overdue: 'QUÁ HẠN',
    dueSoon: 'sắp đến hạn',
    failed: 'Gửi lỗi',
  },
  en: {
    period: 'Period',
    asOf: 'as of',
    received: 'Received',
    resolved: 'Resolved',
    onTimeLate: 'on time / late',
    pending: 'In progress: not due / due soon / overdue / awaiting completion',
    shares: {
      onTime: 'Resolved on time',
      fullOnline: 'Full-online procedures',
      onlinePayment: 'Paid online',
      digitized: 'Digitized',
      uploaded: 'Sent to the portal',
    },
    levels: {
      dark_green: 'dark green',
      green: 'green',
      yellow: 'yellow',
      orange: 'orange',
      red: 'red',
      no_data: 'no data',
    },
    overdue: 'OVERDUE',
    dueSoon: 'due soon',
    failed: 'Failed uploads',
  },
} as const;

function printFigures(f: Figures, lang: Lang): void {
  const t = TEXT[lang];
  console.log(`${f.unitName} (${f.agencyCode})`);
  console.log(`${t.period} ${f.from} – ${f.to} (${t.asOf} ${f.asOf})`);
  console.log(`${t.received}: ${f.received}`);
  console.log(
    `${t.resolved}: ${f.resolved.total} (${t.onTimeLate}: ${f.resolved.onTime} / ${f.resolved.late})`,
  );
  console.log(
    `${t.pending}: ${f.pending.notDue} / ${f.pending.dueSoon} / ${f.pending.overdue} / ${f.pending.awaitingCompletion}`,
  );
  console.log('');
  for (const key of Object.keys(t.shares) as (keyof Figures['shares'])[]) {
    const s: Share = f.shares[key];
    const pct = s.percent === null ? '—' : `${s.percent.toFixed(1)} %`;
    console.log(
      `${t.shares[key].padEnd(26)} ${`${s.numerator} / ${s.denominator}`.padStart(11)}  ${pct.padStart(8)}  ${t.levels[s.level]}`,
    );
  }
  if (f.backlog.length) console.log('');
  for (const b of f.backlog)
    console.log(
      `${(b.kind === 'overdue' ? t.overdue : t.dueSoon).padEnd(13)} ${(b.code ?? b.dossierId).padEnd(24)} ${b.appointmentAt.slice(0, 16)}  ${b.applicantName} — ${b.procedureCode}`,
    );
  if (f.failedUploads.length) console.log(`\n${t.failed}:`);
  for (const u of f.failedUploads)
    console.log(`  ${(u.code ?? u.dossierId).padEnd(24)} [${u.error.code}] ${errorMessage(u.error, lang)}`);
}

export const reportsCommands: Record<string, Command> = {
  'report figures': {
    usage:
      'report figures [--from DATE] [--to DATE] [--json]     indicators with colour levels, backlog, failed uploads',
    async run(argv, ctx) {
      const { values } = parse(argv, {
        from: { type: 'string' },
        to: { type: 'string' },
        json: { type: 'boolean' },
      });
      const f = await withClient(ctx, (c) => c.call('reports.figures', { from: values.from, to: values.to }));
      if (values.json) return printJson(f);
      printFigures(f, ctx.lang);
    },
  },
  'report peak': {
    usage:
      'report peak --month YYYY-MM --out FILE.xlsx             the month against the one before (peak months: 3, 6, 9, 12)',
    async run(argv, ctx) {
      const { values } = parse(argv, { month: { type: 'string' }, out: { type: 'string' } });
      const month = need(values.month, '--month YYYY-MM');
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UsageError(`not a month YYYY-MM: ${month}`);
      const out = path.resolve(need(values.out, '--out FILE.xlsx'));
      const f = await withClient(ctx, (c) => c.call('reports.peak', { month }));
      writeAtomic(out, Buffer.from(f.dataBase64, 'base64'));
      console.log(out);
    },
  },
  'report weekly': {
    usage:
      'report weekly [--week-of DATE] --out FILE.xlsx          the Friday report (Monday–Friday) as an Excel file',
    async run(argv, ctx) {
      const { values } = parse(argv, { 'week-of': { type: 'string' }, out: { type: 'string' } });
      const out = path.resolve(need(values.out, '--out FILE.xlsx'));
      const f = await withClient(ctx, (c) => c.call('reports.weekly', { weekOf: values['week-of'] }));
      writeAtomic(out, Buffer.from(f.dataBase64, 'base64'));
      console.log(out);
    },
  },
};
