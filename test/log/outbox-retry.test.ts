import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { receive, station } from '../privacy/fixtures';
import { tempDir } from '../helpers/tmp';
import { UNIT } from '../helpers/unit';

const NAME = 'Đặng Thị Thu Hà';
const CCCD = '049300007788';
/** What the busy portal says back: it quotes the dossier, so it must not reach the log. */
const ANSWER = `Hệ thống đang bảo trì, hồ sơ của ${NAME} sẽ được nhận sau`;

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise<void>((r) => s.close(() => r()));
});

/** A portal that answers every request 503 with a JSON error body. */
async function busyPortal(): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  const srv = http.createServer((req, res) => {
    hits++;
    req.resume();
    res.writeHead(503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ MaLoi: 'HE_THONG_BAN', ThongDiep: ANSWER }));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  servers.push(srv);
  return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, hits: () => hits };
}

describe('outbox retries in the engine log', { timeout: 60_000 }, () => {
  it('say the item, the attempt, the code, the portal’s code and the HTTP status — never its answer', async () => {
    const dataDir = tempDir('sohoa-log-');
    const portal = await busyPortal();
    const s = station(dataDir);
    try {
      await s.client.call('settings.update', {
        ...UNIT,
        portalUrl: portal.url,
        portalStationId: 'QNAM-01',
        portalSecret: 'khoa-tram-1',
      });
      const { id } = await receive(s.client, CCCD, NAME, 1);
      const report = await s.client.call('outbox.sync', { untilEmpty: true, timeoutMs: 1500 });
      expect(report.submitted).toBe(0);
      expect(portal.hits()).toBeGreaterThan(1);

      s.close();
      const dir = path.join(dataDir, 'logs');
      const text = fs
        .readdirSync(dir)
        .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
        .join('');
      const retries = text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => l.msg === 'outbox.retry');
      expect(retries.length).toBeGreaterThan(1);
      expect(retries[0]).toMatchObject({
        level: 'warn',
        dossierId: id,
        kind: 'submit',
        attempt: 1,
        retry: true,
        code: 'portal_busy',
        portalCode: 'HE_THONG_BAN',
        status: 503,
      });
      expect(retries[1]).toMatchObject({ attempt: 2 });
      for (const never of [ANSWER, 'bảo trì', NAME, CCCD, 'khoa-tram-1'])
        expect(text, never).not.toContain(never);
    } finally {
      s.close();
    }
  });
});
