import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCert, pemToDers } from '../../electron/engine/sign/certs';
import { raw as rawDer, readDer } from '../../electron/engine/sign/der';
import { appendDss, vriKey } from '../../electron/engine/sign/dss';
import { readDss } from '../../electron/engine/sign/dss-read';
import { LevelError, signAtLevel } from '../../electron/engine/sign/levels';
import { addLtv } from '../../electron/engine/sign/ltv';
import { appendIncrement } from '../../electron/engine/sign/pdf-increment';
import { RevocationChecker } from '../../electron/engine/sign/revocation';
import { signPdf } from '../../electron/engine/sign/signer';
import { TokenClient, type TokenSigner } from '../../electron/engine/sign/token';
import { verifyPdf } from '../../electron/engine/sign/verify';
import { createEngine } from '../../electron/engine';
import { connectInProcess } from '../../electron/engine/transport/in-process';
import { runSohoa } from '../helpers/cli';
import { b64, scanImage } from '../helpers/images';
import { qpdfCheck, tempDir } from '../helpers/tmp';
import { samplePdf, SOFTHSM_MODULE, USER_PIN } from './fixture';
import { makePki, type Pki, pdfsigPki } from './pki-fixture';

/**
 * PAdES B-LT and B-LTA made with the real parts of pki-fixture (openssl ocsp
 * responder, CRLs over HTTP, openssl ts TSA, a SoftHSM2 token), then judged
 * from the outside with the responders switched off: qpdf, openssl ocsp /
 * crl / ts on what the DSS and the document timestamp hold, pdfsig, and our
 * own verifier offline.
 */

type QpdfObjects = Record<string, { value?: unknown; stream?: { dict: Record<string, unknown> } }>;

function qpdfObjects(file: string): QpdfObjects {
  const json = JSON.parse(
    execFileSync('qpdf', ['--json', file], { encoding: 'utf8', maxBuffer: 1 << 26 }),
  ) as {
    qpdf: [unknown, QpdfObjects];
  };
  return json.qpdf[1];
}

const num = (ref: unknown) => Number(String(ref).split(' ')[0]);
const dictOf = (objs: QpdfObjects, ref: unknown) =>
  objs[`obj:${String(ref)}`]?.value as Record<string, unknown>;

/** The DSS as qpdf reads it: the object numbers of each entry, and the /VRI keys. */
function dssOf(file: string) {
  const objs = qpdfObjects(file);
  const trailer = objs.trailer?.value as Record<string, unknown>;
  const catalog = dictOf(objs, trailer['/Root']);
  const dss = dictOf(objs, catalog['/DSS']);
  const refs = (k: string) => ((dss[k] as unknown[] | undefined) ?? []).map(num);
  const sigs = Object.values(objs)
    .map((o) => o.value as Record<string, unknown> | undefined)
    .filter((v) => v?.['/ByteRange']);
  return {
    certs: refs('/Certs'),
    ocsps: refs('/OCSPs'),
    crls: refs('/CRLs'),
    vri: Object.keys((dss['/VRI'] as Record<string, unknown> | undefined) ?? {}),
    sigs: sigs.map((s) => ({
      type: String(s?.['/Type']),
      range: s?.['/ByteRange'] as number[],
      contents: Buffer.from(String(s?.['/Contents']).replace(/^b:/, ''), 'hex'),
    })),
  };
}

const raw = (file: string, n: number, out: string) => {
  fs.writeFileSync(out, execFileSync('qpdf', [`--show-object=${n}`, '--raw-stream-data', file]));
  return out;
};

describe('sign: PAdES B-LT and B-LTA (DSS, document timestamp)', () => {
  let pki: Pki;
  let dir: string;
  let client: TokenClient;
  let token: TokenSigner;
  let revokedToken: TokenSigner;
  const files: Record<string, string> = {};
  const trust = () =>
    [pki.rootPem, fs.readFileSync(pki.file('inter.crt'), 'utf8')].flatMap(pemToDers).map(parseCert);
  const tsa = () => ({ url: pki.tsaUrl, timeoutMs: 5000 });
  const sohoa = (args: string[]) =>
    runSohoa(args, {
      ...process.env,
      SOFTHSM2_CONF: pki.softhsmConf ?? '',
      SOHOA_LANG: 'vi',
      SOHOA_PIN: USER_PIN,
    });
  const write = (name: string, bytes: Buffer) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, bytes);
    return f;
  };

  beforeAll(async () => {
    pki = await makePki({ tsa: true, token: true });
    dir = path.join(pki.dir, 'ltv');
    fs.mkdirSync(dir);
    process.env.SOFTHSM2_CONF = pki.softhsmConf ?? '';
    client = new TokenClient();
    token = await client.open({
      modulePath: SOFTHSM_MODULE,
      keyId: '01',
      pin: USER_PIN,
      extraCerts: trust(),
    });
    revokedToken = await client.open({
      modulePath: SOFTHSM_MODULE,
      keyId: '02',
      pin: USER_PIN,
      extraCerts: trust(),
    });
    // Both levels signed on the token while the responders answer; judged below with them off.
    const checker = new RevocationChecker({ timeoutMs: 2000 });
    for (const level of ['B-LT', 'B-LTA'] as const) {
      const r = await signAtLevel(await samplePdf(2), token, { level, tsa: tsa(), checker, trust: trust() });
      expect(r.level).toBe(level);
      expect(r.shortfall).toBeNull();
      files[level] = write(`${level}.pdf`, r.pdf);
    }
    await pki.online(false);
  }, 120_000);

  afterAll(async () => {
    await client?.terminate();
    await pki?.close();
  });

  it('B-LT: the DSS holds the chains, an OCSP answer per certificate and the root CRL, each verified by openssl with the responders off', async () => {
    const f = files['B-LT'] as string;
    expect(pki.hits).toEqual(expect.arrayContaining(['POST /tsa', 'POST /ocsp', 'GET /root.crl']));
    expect(qpdfCheck(f)).toContain('No syntax or stream encoding errors');
    const dss = dssOf(f);
    // The VRI key is the SHA-1 of the signature's /Contents as qpdf reads it.
    const [sig] = dss.sigs;
    if (!sig) throw new Error('no signature');
    expect(dss.vri).toEqual([
      `/${crypto.createHash('sha1').update(sig.contents).digest('hex').toUpperCase()}`,
    ]);
    const subjects = dss.certs.map((n) =>
      execFileSync(
        'openssl',
        [
          'x509',
          '-inform',
          'DER',
          '-in',
          raw(f, n, path.join(dir, `c${n}.der`)),
          '-noout',
          '-subject',
          '-nameopt',
          'utf8',
        ],
        {
          encoding: 'utf8',
        },
      ),
    );
    for (const cn of ['Người Ký Tốt', 'PKI Test Intermediate', 'PKI Test Root', 'PKI Test TSA'])
      expect(subjects.join('')).toContain(cn);
    // Signer and TSA: two OCSP answers, each verified against the root with the intermediate as issuer.
    expect(dss.ocsps).toHaveLength(2);
    const serials = new Set<string>();
    for (const n of dss.ocsps) {
      const out = execFileSync(
        'openssl',
        [
          ...['ocsp', '-respin', raw(f, n, path.join(dir, `o${n}.der`)), '-issuer', pki.file('inter.crt')],
          ...['-CAfile', pki.file('root.crt'), '-verify_other', pki.file('inter.crt'), '-resp_text'],
        ],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
      expect(out).toContain('Cert Status: good');
      serials.add(/Serial Number: ([0-9A-F]+)\n\s+Cert Status/.exec(out)?.[1] ?? '');
    }
    const serial = (name: string) =>
      execFileSync('openssl', ['x509', '-in', pki.file(name as 'tsa.crt'), '-noout', '-serial'], {
        encoding: 'utf8',
      })
        .trim()
        .replace('serial=', '');
    expect([...serials].sort()).toEqual([serial('good.crt'), serial('tsa.crt')].sort());
    // The intermediate through the root's CRL.
    expect(dss.crls).toHaveLength(1);
    for (const n of dss.crls) {
      const r = execFileSync(
        'openssl',
        [
          'crl',
          '-inform',
          'DER',
          '-in',
          raw(f, n, path.join(dir, `l${n}.der`)),
          '-CAfile',
          pki.file('root.crt'),
          '-verify',
          '-noout',
        ],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
      expect(r).toBe('');
    }
    const judge = await pdfsigPki(pki, f);
    expect(judge).toContain('Signature is Valid');
    const report = verifyPdf(fs.readFileSync(f), [pki.rootPem]);
    expect(report.modifiedAfterLastSignature).toBe(false);
    expect(report.signatures[0]).toMatchObject({
      level: 'B-LT',
      verdict: 'valid',
      revocation: { status: 'good' },
    });
    expect(report.signatures[0]?.findings).toEqual(
      expect.arrayContaining(['validation_data_added', 'revocation_from_dss', 'revocation_good']),
    );
  });

  it('B-LTA: the document timestamp covers the DSS; openssl ts verifies it over the byte range; pdfsig still validates the signature', async () => {
    const f = files['B-LTA'] as string;
    expect(qpdfCheck(f)).toContain('No syntax or stream encoding errors');
    const { sigs, ocsps } = dssOf(f);
    expect(ocsps.length).toBeGreaterThan(0);
    const docTs = sigs.find((s) => s.type === '/DocTimeStamp');
    if (!docTs) throw new Error('no document timestamp');
    const [, b, c, d] = docTs.range as [number, number, number, number];
    const pdf = fs.readFileSync(f);
    expect(c + d).toBe(pdf.length);
    const covered = write('lta-covered.bin', Buffer.concat([pdf.subarray(0, b), pdf.subarray(c, c + d)]));
    // The DSS lies inside what the timestamp covers.
    expect(pdf.subarray(0, b).toString('latin1')).toContain('/DSS');
    const chain = write(
      'tsa-chain.pem',
      Buffer.concat([fs.readFileSync(pki.file('tsa.crt')), fs.readFileSync(pki.file('inter.crt'))]),
    );
    const tokenFile = write('lta.tst', rawDer(readDer(docTs.contents)));
    const verdict = execFileSync(
      'openssl',
      [
        'ts',
        '-verify',
        '-data',
        covered,
        '-in',
        tokenFile,
        '-token_in',
        '-CAfile',
        pki.file('root.crt'),
        '-untrusted',
        chain,
      ],
      { encoding: 'utf8' },
    );
    expect(verdict).toContain('Verification: OK');
    expect(await pdfsigPki(pki, f)).toContain('Signature is Valid');
    const report = verifyPdf(pdf, [pki.rootPem]);
    expect(report.signatures.map((s) => s.level)).toEqual(['B-LTA', 'doc-timestamp']);
    expect(report.verdict).toBe('valid');
    expect(report.signatures[0]?.revocation?.status).toBe('good');
  });

  it('sohoa verify --offline --json: revocation good from the DSS, level B-LT / B-LTA, valid', async () => {
    const [r, text] = await Promise.all([
      sohoa([
        'verify',
        '--offline',
        '--json',
        '--trust',
        pki.file('root.crt'),
        files['B-LT'] as string,
        files['B-LTA'] as string,
      ]),
      sohoa(['verify', '--offline', '--trust', pki.file('root.crt'), files['B-LT'] as string]),
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as {
      file: string;
      report: {
        verdict: string;
        signatures: {
          level: string;
          trusted: boolean;
          revocation: { status: string } | null;
          revocationSummary: string;
        }[];
      };
    }[];
    expect(out.map((o) => o.report.signatures[0])).toMatchObject([
      { level: 'B-LT', trusted: true, revocation: { status: 'good' }, revocationSummary: 'good' },
      { level: 'B-LTA', trusted: true, revocation: { status: 'good' }, revocationSummary: 'good' },
    ]);

    expect(text.out).toContain('Tin cậy: có');
    expect(text.out).toContain('Tình trạng thu hồi: chưa bị thu hồi');
    expect(text.out).toContain('B-LT (lưu kèm dữ liệu kiểm tra dài hạn)');
    expect(text.out).toContain('dữ liệu kiểm tra lưu trong tệp (DSS)');
  });

  it('a revoked signer: B-LT is refused when signing; a file extended anyway is judged revoked from its DSS', async () => {
    await pki.online(true);
    try {
      const checker = new RevocationChecker({ timeoutMs: 2000 });
      const refused = signAtLevel(await samplePdf(1), revokedToken, {
        level: 'auto',
        tsa: tsa(),
        checker,
        trust: trust(),
      });
      await expect(refused).rejects.toMatchObject({ shortfall: { kind: 'signer_revoked' } });
      const bt = await signPdf(await samplePdf(1), revokedToken, { tsa: tsa() });
      const ltv = await addLtv(bt.pdf, revokedToken.certificate, revokedToken.chain, trust(), checker);
      expect(ltv.revoked?.status).toBe('revoked');
      const f = write('revoked-lt.pdf', ltv.pdf);
      const [cli, v] = await Promise.all([
        sohoa([
          ...[
            'sign',
            '--module',
            SOFTHSM_MODULE,
            '--key-id',
            '02',
            '--pin-env',
            'SOHOA_PIN',
            '--tsa',
            pki.tsaUrl,
          ],
          ...['--level', 'B-LT', '--chain', pki.file('inter.crt'), '--chain', pki.file('root.crt')],
          ...['--out', path.join(dir, 'not-written.pdf'), f],
        ]),
        sohoa(['verify', '--offline', '--json', '--trust', pki.file('root.crt'), f]),
      ]);
      expect(cli.code).toBe(1);
      expect(cli.err).toContain('sign_cert_revoked');
      expect(cli.err).toContain('đã bị thu hồi');
      expect(fs.existsSync(path.join(dir, 'not-written.pdf'))).toBe(false);
      await pki.online(false);
      const report = verifyPdf(ltv.pdf, [pki.rootPem]);
      expect(report.signatures[0]?.level).toBe('B-LT');
      expect(report.signatures[0]?.revocation?.status).toBe('revoked_before');
      expect(report.verdict).toBe('invalid');
      const fromCli = JSON.parse(v.out) as {
        signatures: { revocation: { status: string }; revocationSummary: string }[];
      };
      expect(fromCli.signatures[0]).toMatchObject({
        revocation: { status: 'revoked_before' },
        revocationSummary: 'revoked',
      });
    } finally {
      await pki.online(false);
    }
  });

  it('B-LT required while OCSP and CRLs do not answer (the TSA does): the file fails with the reason; auto signs B-T and says why', async () => {
    await pki.online(true);
    for (const p of ['/ocsp', '/root.crl', '/inter.crl']) pki.down.add(p);
    try {
      const input = write('in.pdf', await samplePdf(1));
      const base = [
        'sign',
        '--module',
        SOFTHSM_MODULE,
        '--key-id',
        '01',
        '--pin-env',
        'SOHOA_PIN',
        '--tsa',
        pki.tsaUrl,
      ];
      const chain = [
        '--chain',
        pki.file('inter.crt'),
        '--chain',
        pki.file('root.crt'),
        '--revocation-timeout',
        '1000',
      ];
      // One after the other: two processes on one SoftHSM token at once is not what a station does.
      const strict = await sohoa([
        ...base,
        ...chain,
        '--level',
        'B-LT',
        '--out',
        path.join(dir, 'strict.pdf'),
        input,
      ]);
      const auto = await sohoa([...base, ...chain, '--out', path.join(dir, 'auto.pdf'), input]);
      expect(strict.code, strict.err).toBe(1);
      expect(strict.err).toContain('sign_revocation_unreachable');
      expect(strict.err).toContain('Không lấy được tình trạng thu hồi');
      expect(strict.err).toContain('Người Ký Tốt');
      expect(fs.existsSync(path.join(dir, 'strict.pdf'))).toBe(false);
      expect(auto.code, auto.err).toBe(0);
      expect(auto.out).toContain(': B-T,');
      expect(auto.out).toContain('chưa đạt mức B-LT');
      const report = verifyPdf(fs.readFileSync(path.join(dir, 'auto.pdf')), [pki.rootPem]);
      expect(report.signatures[0]?.level).toBe('B-T');
      // Required B-LTA with the TSA down too: refused before anything is written.
      await pki.online(false);
      const noTsa = signAtLevel(await samplePdf(1), token, {
        level: 'B-LTA',
        tsa: { url: pki.tsaUrl, timeoutMs: 1000 },
        checker: new RevocationChecker({ timeoutMs: 1000 }),
        trust: trust(),
      });
      await expect(noTsa).rejects.toBeInstanceOf(LevelError);
    } finally {
      pki.down.clear();
      await pki.online(false);
    }
  });

  it('junk in the DSS (random bytes, an OCSP answer about another certificate, a CRL with a broken signature): named, ignored, never good, in bounded time', async () => {
    await pki.online(true);
    let bt: Buffer;
    let otherOcsp: Buffer;
    try {
      bt = (await signPdf(await samplePdf(1), token, { tsa: tsa() })).pdf;
      const checker = new RevocationChecker({ timeoutMs: 2000 });
      const [inter] = pki.signers.revokedAfter.chain;
      if (!inter) throw new Error('no intermediate');
      const m = await checker.material(pki.signers.revokedAfter.certificate, inter);
      if (!m || m.source !== 'ocsp') throw new Error('no OCSP answer for the other certificate');
      otherOcsp = m.der;
    } finally {
      await pki.online(false);
    }
    const brokenCrl = Buffer.from(fs.readFileSync(pki.file('inter.crl')));
    brokenCrl[brokenCrl.length - 5] = (brokenCrl[brokenCrl.length - 5] ?? 0) ^ 0xff;
    const contents = /\/Contents <([0-9a-f]+)>/.exec(bt.toString('latin1'))?.[1] ?? '';
    const junk = Array.from({ length: 150 }, () => crypto.randomBytes(400));
    const pdf = await appendDss(bt, [
      {
        key: vriKey(Buffer.from(contents, 'hex')),
        certs: [crypto.randomBytes(64)],
        ocsps: [crypto.randomBytes(300), otherOcsp, ...junk],
        crls: [brokenCrl],
      },
    ]);
    const f = write('junk.pdf', pdf);
    expect(qpdfCheck(f)).toContain('No syntax or stream encoding errors');
    const t0 = performance.now();
    const report = verifyPdf(pdf, [pki.rootPem]);
    expect(performance.now() - t0).toBeLessThan(3000);
    const s = report.signatures[0];
    expect(s?.level).toBe('B-T');
    expect(s?.revocation?.status).toBe('unknown');
    expect(report.verdict).toBe('indeterminate');
    expect(s?.findings).toEqual(
      expect.arrayContaining([
        'dss_entry_unreadable',
        'dss_ocsp_other_certificate',
        'dss_crl_bad_signature',
        'dss_incomplete',
      ]),
    );
    expect(s?.findings).not.toContain('revocation_good');
  });

  it('a deflate bomb in the DSS (200 KB that inflate to 200 MB) is not inflated past its bound', async () => {
    const { PDFDocument, PDFName } = await import('pdf-lib');
    const deflate = zlib.createDeflate({ level: 9 });
    const parts: Buffer[] = [];
    deflate.on('data', (c: Buffer) => parts.push(c));
    for (let i = 0; i < 200; i++) deflate.write(Buffer.alloc(1 << 20));
    deflate.end();
    await finished(deflate);
    const bomb = Buffer.concat(parts);
    expect(bomb.length).toBeLessThan(256 * 1024);
    const doc = await PDFDocument.create();
    doc.addPage();
    const stream = doc.context.stream(bomb, { Filter: 'FlateDecode' });
    doc.catalog.set(PDFName.of('DSS'), doc.context.obj({ OCSPs: [doc.context.register(stream)] }));
    const pdf = Buffer.from(await doc.save({ useObjectStreams: false }));
    // Inflating it all (what pdf-lib's decoder does) takes about a second and 200 MB here.
    const t0 = performance.now();
    expect(readDss(pdf)).toMatchObject({ ocsps: [], skipped: 1 });
    expect(performance.now() - t0).toBeLessThan(400);
  });

  it('a second DSS update keeps the entries of the first and VRI, and still counts as validation data only', async () => {
    const f = files['B-LT'] as string;
    const first = dssOf(f);
    const extra = fs.readFileSync(pki.file('ocsp.crt'), 'utf8');
    const more = await appendDss(fs.readFileSync(f), [
      { key: 'ABCDEF0123456789ABCDEF0123456789ABCDEF01', certs: pemToDers(extra), ocsps: [], crls: [] },
    ]);
    const g = write('B-LT-twice.pdf', more);
    expect(qpdfCheck(g)).toContain('No syntax or stream encoding errors');
    const second = dssOf(g);
    expect(second.certs).toEqual([...first.certs, expect.any(Number)]);
    expect(second.ocsps).toEqual(first.ocsps);
    expect(second.crls).toEqual(first.crls);
    expect(second.vri.sort()).toEqual([...first.vri, '/ABCDEF0123456789ABCDEF0123456789ABCDEF01'].sort());
    const report = verifyPdf(more, [pki.rootPem]);
    expect(report.modifiedAfterLastSignature).toBe(false);
    expect(report.signatures[0]).toMatchObject({ level: 'B-LT', verdict: 'valid' });
  });

  it('an update after the DSS that changes more than validation data is a change after signing', async () => {
    const pdf = fs.readFileSync(files['B-LT'] as string);
    const objs = qpdfObjects(files['B-LT'] as string);
    const trailer = objs.trailer?.value as Record<string, unknown>;
    const root = String(trailer['/Root']);
    const catalog = execFileSync('qpdf', [`--show-object=${num(root)}`, files['B-LT'] as string], {
      encoding: 'latin1',
    }).trim();
    const changed = catalog.replace(/>>\s*$/, ' /OpenAction [ 1 0 R /Fit ] >>');
    const tampered = appendIncrement(pdf, { root, info: String(trailer['/Info']) }, [
      { objectNumber: num(root), generation: 0, body: Buffer.from(changed, 'latin1') },
    ]).pdf;
    expect(qpdfCheck(write('tampered.pdf', tampered))).toContain('No syntax or stream encoding errors');
    const report = verifyPdf(tampered, [pki.rootPem]);
    expect(report.modifiedAfterLastSignature).toBe(true);
    expect(report.verdict).toBe('invalid');
    expect(report.signatures[0]?.findings).not.toContain('validation_data_added');
  });

  it('a batch signs to the signLevel setting: auto reaches B-LT, then says why a file stays B-T; a required B-LT fails the file', async () => {
    // One PKCS#11 library per process: the engine's token worker takes over from this file's.
    await client.terminate();
    const engine = createEngine({ dataDir: tempDir(), outbox: { autoStart: false } });
    const c = connectInProcess(engine);
    await pki.online(true);
    try {
      await c.call('sign.config.update', {
        tsaUrl: pki.tsaUrl,
        tsaTimeoutMs: 5000,
        trustPems: [pki.rootPem],
        revocationTimeoutMs: 1000,
      });
      const tokens = await c.call('sign.tokens', { modulePath: SOFTHSM_MODULE });
      const tok = tokens.tokens.find((t) => t.tokenLabel === 'PKI Test');
      const cert = tok?.certificates.find((x) => x.keyId === '01');
      if (!tok || !cert) throw new Error(`token not listed: ${JSON.stringify(tokens).slice(0, 600)}`);
      await c.call('sign.choose', {
        modulePath: SOFTHSM_MODULE,
        tokenSerial: tok.serial,
        tokenLabel: tok.tokenLabel,
        keyId: cert.keyId,
        certSerialHex: cert.serialHex,
        commonName: cert.commonName,
      });
      const d = await c.call('dossier.create', {
        procedureCode: '1.001193',
        applicantName: 'Nguyễn Thị Hoa',
      });
      const image = b64(await scanImage('jpeg', { width: 600, height: 848 }));
      await c.call('dossier.addPages', {
        dossierId: d.id,
        componentCode: 'TK',
        files: [{ name: 'tk.jpg', dataBase64: image }],
      });
      await c.call('documents.assemble', { dossierId: d.id, componentCode: 'TK' });
      expect((await c.call('settings.get', {})).signLevel).toBe('auto');
      const batch = () => c.call('sign.batch', { dossierIds: [d.id], pin: USER_PIN, resign: true });

      const full = await batch();
      expect(full.items[0]).toMatchObject({ ok: true, level: 'B-LT', levelReason: null });
      const signed = await c.call('sign.signedPdf', { dossierId: d.id, componentCode: 'TK' });
      const report = verifyPdf(Buffer.from(signed.dataBase64, 'base64'), [pki.rootPem]);
      expect(report.signatures[0]).toMatchObject({ level: 'B-LT', revocation: { status: 'good' } });

      for (const p of ['/ocsp', '/root.crl', '/inter.crl']) pki.down.add(p);
      const lower = await batch();
      expect(lower.items[0]).toMatchObject({ ok: true, level: 'B-T' });
      expect(lower.items[0]?.levelReason?.code).toBe('sign_revocation_unreachable');
      const dossier = await c.call('dossier.get', { dossierId: d.id });
      expect(dossier.components.find((x) => x.code === 'TK')?.pdf?.signed?.level).toBe('B-T');

      await c.call('settings.update', { signLevel: 'B-LT' });
      const strict = await batch();
      expect(strict.items[0]).toMatchObject({ ok: false, level: null });
      expect(strict.items[0]?.error?.code).toBe('sign_revocation_unreachable');
    } finally {
      pki.down.clear();
      await pki.online(false);
      c.dispose();
      engine.close();
    }
  });
});
