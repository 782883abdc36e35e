/**
 * A minimal stand-in for the national portal's integration dialect (DVCQG via LGSP), written only
 * from issue 17's facts — it imports nothing of the station or of its training sandbox. Run as its
 * own process: `node --import tsx test/portal/dvcqg-standin.ts [--faults 0.3] [--session-calls N]
 * [--conflict MAHOSO]`; prints `listening <url>`. GET /_received shows what it holds.
 *
 * Faults (each with the given probability, per call): a 500, a 200 with an empty body, an HTML
 * login page, a non-zero error_code, a result that is not an array, or the answer lost after
 * the change was applied (a 502 after storing).
 */
import http from 'node:http';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const faults = Number(arg('faults') ?? 0);
/** A session lasts this many calls, then answers "session expired" (0 = forever). */
const sessionCalls = Number(arg('session-calls') ?? 0);
const conflict = arg('conflict');
/** Which faults may happen: 500, empty, html, error, notlist, lost (default: all). */
const kinds = (arg('fault-kinds') ?? '500,empty,html,error,notlist,lost').split(',');

interface Held {
  dossier: Record<string, unknown>;
  syncs: { isUpdating: string }[];
}
const dossiers = new Map<string, Held>();
const progress: Record<string, unknown>[] = [];
const sessions = new Map<string, number>();
const log: { service: string; ok: boolean }[] = [];
let next = 1;

const field = (MALINHVUC: string, TENLINHVUC: string) => [{ MALINHVUC, TENLINHVUC }];
/** The national procedure database, as this stand-in holds a few of its rows. */
const procedures: Record<string, unknown> = {
  '1.000656': {
    MATTHC: '1.000656',
    TENTTHC: 'Đăng ký khai tử',
    LINHVUCTHUCHIEN: field('G09-TP04', 'Hộ tịch'),
  },
  '1.001193': {
    MATTHC: '1.001193',
    TENTTHC: 'Thủ tục đăng ký khai sinh',
    LINHVUCTHUCHIEN: field('G09-TP04', 'Hộ tịch'),
  },
  '1.000894': {
    MATTHC: '1.000894',
    TENTTHC: 'Đăng ký kết hôn',
    LINHVUCTHUCHIEN: field('G09-TP05', 'Hôn nhân và gia đình'),
  },
};

type Answer = { status: number; body: string; type?: string };
const json = (o: unknown): Answer => ({ status: 200, body: JSON.stringify(o) });

function faulty(): Answer | 'lose' | null {
  if (faults <= 0 || Math.random() >= faults) return null;
  const pick = ['500', 'empty', 'html', 'error', 'notlist', 'lost'].indexOf(
    kinds[Math.floor(Math.random() * kinds.length)]!,
  );
  if (pick === 0) return { status: 500, body: 'boom' };
  if (pick === 1) return { status: 200, body: '' };
  if (pick === 2) return { status: 200, body: '<html><body>Đăng nhập LGSP</body></html>', type: 'text/html' };
  if (pick === 3) return json({ error_code: '99', message: 'Hệ thống bận' });
  if (pick === 4) return json({ error_code: 0, result: { not: 'a list' } });
  return 'lose';
}

function serve(path: string, req: Record<string, unknown>): Answer {
  if (path === '/auth') {
    if (req.username !== 'donvi' || req.password !== 'matkhau')
      return json({ error_code: 1, message: 'Sai tài khoản' });
    const s = `s${next++}`;
    sessions.set(s, 0);
    return json({ error_code: 0, session: s });
  }
  const used = sessions.get(String(req.session));
  if (used === undefined || (sessionCalls > 0 && used >= sessionCalls))
    return json({ error_code: '401', message: 'Phiên làm việc hết hạn' });
  sessions.set(String(req.session), used + 1);
  if (req.madonvi !== '000.00.00.H01') return json({ error_code: 2, message: 'Sai mã đơn vị' });
  const fault = faulty();
  if (fault && fault !== 'lose') return fault;
  const answer = service(path, req);
  return fault === 'lose' ? { status: 502, body: 'Bad Gateway' } : answer;
}

function service(path: string, req: Record<string, unknown>): Answer {
  const name = String(req.service);
  log.push({ service: name, ok: true });
  if (name === 'LayThuTuc' && path === '/share') {
    const p = procedures[String(req.maTTHC)];
    return json({ error_code: 0, result: p ? [p] : [] });
  }
  if (path !== '/integration') return json({ error_code: 3, message: 'Sai dịch vụ' });
  if (name === 'TraCuuHoSo') {
    const code = String(req.mahoso);
    const d = dossiers.get(code)?.dossier;
    if (code === conflict)
      return json({ error_code: 0, result: [{ MaHoSo: code, MaTTHC: 'KHAC', ChuHoSo: 'Người khác' }] });
    return json({ error_code: 0, result: d ? [d] : [] });
  }
  if (name === 'DongBoHoSoMC') {
    const data = req.data as Record<string, unknown>[];
    for (const d of data) {
      const code = String(d.MaHoSo);
      const held = dossiers.get(code);
      if (held && req.isUpdating !== 'True')
        return json({ error_code: 4, message: `Hồ sơ ${code} đã tồn tại` });
      if (held) {
        held.dossier = d;
        held.syncs.push({ isUpdating: 'True' });
      } else dossiers.set(code, { dossier: d, syncs: [{ isUpdating: String(req.isUpdating) }] });
    }
    return json({ error_code: 0, result: data.map((d) => ({ MaHoSo: d.MaHoSo })) });
  }
  if (name === 'CapNhatTienDoHoSoMC') {
    for (const p of req.data as Record<string, unknown>[]) {
      if (!dossiers.has(String(p.MaHoSo))) return json({ error_code: 5, message: 'Không có hồ sơ' });
      progress.push(p);
    }
    return json({ error_code: 0, result: [] });
  }
  return json({ error_code: 3, message: 'Sai dịch vụ' });
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/_received') {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ dossiers: Object.fromEntries(dossiers), progress, log }));
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    } catch {
      /* an empty object: refused below */
    }
    const a = serve(req.url ?? '', body);
    res.statusCode = a.status;
    res.setHeader('content-type', a.type ?? 'application/json');
    res.end(a.body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  if (addr && typeof addr === 'object') process.stdout.write(`listening http://127.0.0.1:${addr.port}\n`);
});
