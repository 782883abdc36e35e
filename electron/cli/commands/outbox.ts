import type { DvcqgOverride, OutboxItem, SyncReport } from '../../../shared/api/rooms/outbox';
import { createEngine, resolveDataDir } from '../../engine';
import { connectInProcess } from '../../engine/transport/in-process';
import { startSandbox } from '../../engine/training';
import { DVCQG_PATHS } from '../../engine/training/dvcqg';
import { type Command, type CliContext, need, parse, printJson, UsageError } from './kit';

const rate = (v: string | undefined, name: string): number => {
  if (v === undefined) return 0;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`${name} must be a number from 0 to 1`);
  return n;
};
const int = (v: string | undefined, name: string, dflt: number): number => {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${name} must be a whole number`);
  return n;
};

/** `--dialect dvcqg` and its endpoints (the password only from SOHOA_PORTAL_KEY, never argv). */
function dvcqgOf(v: Record<string, string | boolean | undefined>): DvcqgOverride | undefined {
  const dialect = (v.dialect as string | undefined) ?? 'sohoa';
  if (dialect === 'sohoa') return undefined;
  if (dialect !== 'dvcqg') throw new UsageError('--dialect must be sohoa or dvcqg');
  const str = (k: string) => (v[k] as string | undefined) || undefined;
  return {
    adapterUrl: str('dvcqg-adapter') ?? (v.portal as string),
    authEndpoint: str('dvcqg-auth'),
    integrationEndpoint: str('dvcqg-integration'),
    shareEndpoint: str('dvcqg-share'),
    username: str('dvcqg-user'),
    madonvi: str('madonvi'),
    password: process.env.SOHOA_PORTAL_KEY || undefined,
  };
}

function line(i: OutboxItem): string {
  const sent = i.files.reduce((a, f) => a + f.sent, 0);
  const size = i.files.reduce((a, f) => a + f.size, 0);
  const progress = size ? ` ${Math.round((100 * sent) / size)}%` : '';
  const status = i.portalStatus ? ` portal:${i.portalStatus}` : '';
  const why = i.waitReason ? ` (${i.waitReason}${i.nextAttemptAt ? ` until ${i.nextAttemptAt}` : ''})` : '';
  return `${(i.code ?? i.dossierId).padEnd(28)} ${i.kind.padEnd(6)} ${i.state}${i.paused ? ' [paused]' : ''}${progress}${status}${why}  ${i.applicantName}`;
}

/** Runs an engine of its own so the worker's timings can be set from the command line. */
async function withOutboxEngine<T>(
  ctx: CliContext,
  opts: { concurrency?: number; backoffMs?: number; timeoutMs?: number; chunkKb?: number },
  fn: (c: ReturnType<typeof connectInProcess>) => Promise<T>,
): Promise<T> {
  const engine = createEngine({
    dataDir: resolveDataDir(ctx.data),
    log: process.env.SOHOA_DEBUG ? (l) => console.error(l) : undefined,
    outbox: {
      concurrency: opts.concurrency,
      baseBackoffMs: opts.backoffMs,
      maxBackoffMs: opts.backoffMs !== undefined ? opts.backoffMs * 30 : undefined,
      requestTimeoutMs: opts.timeoutMs,
      chunkSize: opts.chunkKb ? opts.chunkKb * 1024 : undefined,
    },
  });
  const client = connectInProcess(engine);
  try {
    return await fn(client);
  } finally {
    client.dispose();
    engine.close();
  }
}

export const outboxCommands: Record<string, Command> = {
  'portal-sandbox': {
    usage:
      'portal-sandbox --port N --data DIR [--dialect sohoa|dvcqg] [--fail-rate R] [--drop-rate R] [--hang-rate R] [--latency-ms N] [--advance-ms N] [--auto-pay-ms N]\n' +
      "               [--lose-answer-of NAME,NAME…]   (a DVCQG service or a route's last segment: its next answer is lost after the work)\n" +
      '                                                       run the sandbox portal (tests, training, demos)',
    async run(argv, ctx) {
      const { values } = parse(argv, {
        port: { type: 'string' },
        'fail-rate': { type: 'string' },
        'drop-rate': { type: 'string' },
        'hang-rate': { type: 'string' },
        'latency-ms': { type: 'string' },
        'advance-ms': { type: 'string' },
        'auto-pay-ms': { type: 'string' },
        'session-ttl-ms': { type: 'string' },
        dialect: { type: 'string' },
        'lose-answer-of': { type: 'string' },
      });
      const dialect = values.dialect ?? 'sohoa';
      if (dialect !== 'sohoa' && dialect !== 'dvcqg') throw new UsageError('--dialect sohoa|dvcqg');
      const sandbox = await startSandbox({
        dataDir: need(ctx.data, '--data DIR'),
        port: int(values.port, '--port', 0),
        faults: {
          failRate: rate(values['fail-rate'], '--fail-rate'),
          dropRate: rate(values['drop-rate'], '--drop-rate'),
          hangRate: rate(values['hang-rate'], '--hang-rate'),
          latencyMs: int(values['latency-ms'], '--latency-ms', 0),
          loseAnswerOf: (values['lose-answer-of'] ?? '')
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean),
        },
        advanceMs: int(values['advance-ms'], '--advance-ms', 5000),
        autoPayMs: int(values['auto-pay-ms'], '--auto-pay-ms', 0),
        sessionTtlMs: int(values['session-ttl-ms'], '--session-ttl-ms', 30 * 60_000),
        log: (l) => console.error(`[sandbox] ${l}`),
      });
      console.log(`Cổng dịch vụ công hộp cát / sandbox portal: ${sandbox.url}`);
      // Both dialects are served at once; DVCQG mode says where its endpoints are.
      if (dialect === 'dvcqg')
        console.log(
          `DVCQG: --dvcqg-adapter ${sandbox.url} --dvcqg-auth ${DVCQG_PATHS.auth} --dvcqg-integration ${DVCQG_PATHS.integration} --dvcqg-share ${DVCQG_PATHS.share} (đã nhận / received: ${sandbox.url}/sandbox/dvcqg)`,
        );
      await new Promise<void>((resolve) => {
        const stop = () => void sandbox.close().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      // The tsx loader keeps a handle open: end the process once the sandbox has closed.
      process.exit(0);
    },
  },

  'batch import': {
    usage:
      'batch import DIR [--json]                              import DIR/<name>/dossier.json dossiers and queue them',
    async run(argv, ctx) {
      const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
      const dir = need(positionals[0], 'DIR');
      const report = await withOutboxEngine(ctx, {}, (c) => c.call('batch.import', { dir }));
      if (values.json) printJson(report);
      else {
        for (const i of report.imported) console.log(`imported ${i.folder} → ${i.code ?? i.dossierId}`);
        for (const s of report.skipped) console.log(`skipped  ${s.folder}: ${s.reason}`);
        for (const r of report.refused)
          console.error(
            `refused  ${r.folder} [${r.error.code}] ${Object.values(r.error.params ?? {}).join(' — ')}`,
          );
      }
      return report.refused.length ? 1 : 0;
    },
  },

  'outbox sync': {
    usage:
      'outbox sync --portal URL [--until-empty] [--timeout-s N] [--concurrency N] [--backoff-ms N] [--request-timeout-ms N] [--chunk-kb N] [--json]\n' +
      '            [--dialect sohoa|dvcqg --dvcqg-adapter URL --dvcqg-auth PATH --dvcqg-integration PATH --dvcqg-share PATH\n' +
      '             --dvcqg-user NAME --madonvi CODE]   (DVCQG: --portal is the file service; password from SOHOA_PORTAL_KEY)\n' +
      '                                                       send the queue to the portal',
    async run(argv, ctx) {
      const { values } = parse(argv, {
        portal: { type: 'string' },
        'until-empty': { type: 'boolean' },
        'timeout-s': { type: 'string' },
        concurrency: { type: 'string' },
        'backoff-ms': { type: 'string' },
        'request-timeout-ms': { type: 'string' },
        'chunk-kb': { type: 'string' },
        json: { type: 'boolean' },
        dialect: { type: 'string' },
        'dvcqg-adapter': { type: 'string' },
        'dvcqg-auth': { type: 'string' },
        'dvcqg-integration': { type: 'string' },
        'dvcqg-share': { type: 'string' },
        'dvcqg-user': { type: 'string' },
        madonvi: { type: 'string' },
      });
      const portalUrl = need(values.portal, '--portal URL');
      const dvcqg = dvcqgOf(values);
      const report: SyncReport = await withOutboxEngine(
        ctx,
        {
          concurrency: values.concurrency ? int(values.concurrency, '--concurrency', 3) : undefined,
          backoffMs: values['backoff-ms'] ? int(values['backoff-ms'], '--backoff-ms', 2000) : undefined,
          timeoutMs: values['request-timeout-ms']
            ? int(values['request-timeout-ms'], '--request-timeout-ms', 20_000)
            : undefined,
          chunkKb: values['chunk-kb'] ? int(values['chunk-kb'], '--chunk-kb', 256) : undefined,
        },
        (c) =>
          c.call('outbox.sync', {
            portalUrl,
            dvcqg,
            untilEmpty: values['until-empty'] ?? false,
            timeoutMs: int(values['timeout-s'], '--timeout-s', 3600) * 1000 || 1000,
          }),
      );
      if (values.json)
        printJson({
          submitted: report.submitted,
          pending: report.pending,
          failed: report.failed,
          items: report.items,
        });
      else {
        for (const i of report.items) console.log(line(i));
        console.log(`submitted ${report.submitted}, pending ${report.pending}, failed ${report.failed}`);
      }
      return report.failed || (values['until-empty'] && report.pending) ? 1 : 0;
    },
  },

  'outbox test-portal': {
    usage:
      'outbox test-portal [--portal URL] [--station ID] [--json]  log in to a portal without saving anything\n' +
      '                                                       (default: the portal and Mã trạm in the settings; the key is\n' +
      '                                                       read from SOHOA_PORTAL_KEY, else the stored one — never from argv)',
    async run(argv, ctx) {
      const { values } = parse(argv, {
        portal: { type: 'string' },
        station: { type: 'string' },
        json: { type: 'boolean' },
      });
      const result = await withOutboxEngine(ctx, {}, async (c) => {
        const s = await c.call('settings.get', {});
        const url = values.portal ?? s.portalUrl;
        if (!url) throw new UsageError('no portal in the settings (training mode): give --portal URL');
        const secret = process.env.SOHOA_PORTAL_KEY;
        return c.call('portal.check', {
          url,
          stationId: need(values.station ?? (s.portalStationId || undefined), '--station ID (Mã trạm)'),
          ...(secret ? { secret } : {}),
        });
      });
      if (values.json) return printJson(result);
      console.log(
        `ok: ${result.url} accepted the station (${result.latencyMs} ms; session until ${result.sessionExpiresAt}${result.usedStoredSecret ? '; stored key' : ''})`,
      );
    },
  },

  'outbox status': {
    usage:
      'outbox status [--json]                                 the queue: each dossier, its state and why it waits',
    async run(argv, ctx) {
      const { values } = parse(argv, { json: { type: 'boolean' } });
      const overview = await withOutboxEngine(ctx, {}, (c) => c.call('outbox.overview', {}));
      if (values.json) return printJson(overview);
      console.log(`portal: ${overview.portalUrl ?? '(none)'}${overview.paused ? ' — queue paused' : ''}`);
      if (overview.items.length === 0) console.log('(queue empty)');
      for (const i of overview.items) console.log(line(i));
    },
  },
};
