/**
 * A test PKI for path validation and revocation, made with openssl: a root, an
 * intermediate and signers under it, plus the broken chains RFC 5280 must
 * refuse (an end-entity that issued a certificate, an expired intermediate, a
 * pathLen violation, a signer whose EKU excludes document signing) and two
 * revoked signers (before and after the signing time), and a signer with a
 * critical extension nobody knows. The certificates' AIA
 * and CDP point at one HTTP server on 127.0.0.1 that answers OCSP through
 * `openssl ocsp` (a real responder: index, -rsigner, -CA) and serves the CRLs
 * `openssl ca -gencrl` made. Signing is in-process with the keys' PEMs.
 */
import { execFile, execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseCert } from '../../electron/engine/sign/certs';
import type { Signer } from '../../electron/engine/sign/signer';

const sh = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

export const NAMES = [
  'good',
  'revokedBefore',
  'revokedAfter',
  'rogueVictim',
  'underExpired',
  'underPathLen',
  'serverOnly',
  'crlRevoked',
  'oddCritical',
] as const;
export type SignerName = (typeof NAMES)[number];

export interface Pki {
  dir: string;
  rootPem: string;
  nssDir: string;
  signers: Record<SignerName, Signer>;
  /** When the revoked signers were revoked. */
  revokedAt: Date;
  /** HTTP requests the responders received (OCSP posts, CRL gets, TSA posts). */
  hits: string[];
  /** The RFC 3161 TSA (`openssl ts -reply`, its certificate under the intermediate), on the same server. */
  tsaUrl: string;
  /** SoftHSM2 token holding the keys of `good` (id 01) and `revokedBefore` (id 02): SOFTHSM2_CONF for it. */
  softhsmConf: string | null;
  /** The PEM of the intermediate and the root, for a token signer's chain and for openssl. */
  file(name: string): string;
  online(on: boolean): Promise<void>;
  /** Paths that answer 503 while the server is up (e.g. the OCSP and CRL paths, with the TSA still answering). */
  down: Set<string>;
  close(): Promise<void>;
}

const cnf = (dir: string, base: string) => `
[ ca ]
default_ca = ca1
[ ca1 ]
database = ${dir}/idx-ID.txt
new_certs_dir = ${dir}/new
serial = ${dir}/serial-ID
crlnumber = ${dir}/crlnum-ID
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
default_crl_days = 1
[ any ]
commonName = supplied
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
[ root_ext ]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ inter_ext ]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
crlDistributionPoints = URI:${base}/root.crl
[ pl0_ext ]
basicConstraints = critical,CA:true,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ signer_ext ]
basicConstraints = CA:false
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
authorityInfoAccess = OCSP;URI:${base}/ocsp
crlDistributionPoints = URI:${base}/inter.crl
[ crl_signer_ext ]
basicConstraints = CA:false
keyUsage = critical,digitalSignature,nonRepudiation
authorityKeyIdentifier = keyid
crlDistributionPoints = URI:${base}/inter.crl
[ odd_ext ]
basicConstraints = CA:false
keyUsage = critical,digitalSignature,nonRepudiation
authorityKeyIdentifier = keyid
1.3.6.1.4.1.99999.1 = critical,ASN1:NULL
[ plain_signer_ext ]
basicConstraints = CA:false
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ server_ext ]
basicConstraints = CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
authorityKeyIdentifier = keyid
[ tsa_ext ]
basicConstraints = CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,timeStamping
authorityKeyIdentifier = keyid
authorityInfoAccess = OCSP;URI:${base}/ocsp
crlDistributionPoints = URI:${base}/inter.crl
[ ocsp_ext ]
basicConstraints = CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,OCSPSigning
authorityKeyIdentifier = keyid
`;

/** openssl's index date: YYMMDDHHMMSSZ. */
const indexDate = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';

const TSA_CNF = (dir: string) => `
[ tsa ]
default_tsa = tsa1
[ tsa1 ]
serial = ${dir}/tsaserial
crypto_device = builtin
signer_cert = ${dir}/tsa.crt
certs = ${dir}/inter.crt
signer_key = ${dir}/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;

const run = (cmd: string, args: string[]) =>
  new Promise<void>((resolve, reject) => {
    execFile(cmd, args, { timeout: 10_000 }, (err) => (err ? reject(err) : resolve()));
  });

/** Puts keys and certificates on a fresh SoftHSM2 token (provisioning only: signing happens on the token). */
function makeToken(dir: string, keys: { name: string; id: string }[]): string {
  const conf = path.join(dir, 'softhsm2.conf');
  fs.mkdirSync(path.join(dir, 'tokens'));
  fs.writeFileSync(
    conf,
    `directories.tokendir = ${dir}/tokens\nobjectstore.backend = file\nlog.level = ERROR\n`,
  );
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  const x = (cmd: string, args: string[]) => execFileSync(cmd, args, { env, stdio: 'ignore' });
  x('softhsm2-util', [
    '--init-token',
    '--free',
    '--label',
    'PKI Test',
    '--so-pin',
    '12345678',
    '--pin',
    '123456',
  ]);
  // The CA's certificate rides along, as on the CAs' USB tokens: a certificate object without a key.
  x('openssl', [
    'x509',
    '-in',
    path.join(dir, 'inter.crt'),
    '-outform',
    'DER',
    '-out',
    path.join(dir, 'inter.der'),
  ]);
  x('pkcs11-tool', [
    ...[
      '--module',
      '/usr/lib/softhsm/libsofthsm2.so',
      '--token-label',
      'PKI Test',
      '--login',
      '--pin',
      '123456',
    ],
    ...['--write-object', path.join(dir, 'inter.der'), '--type', 'cert', '--id', 'c0', '--label', 'inter'],
  ]);
  for (const k of keys) {
    const f = (ext: string) => path.join(dir, `${k.name}.${ext}`);
    x('softhsm2-util', [
      '--import',
      f('key'),
      '--token',
      'PKI Test',
      '--label',
      k.name,
      '--id',
      k.id,
      '--pin',
      '123456',
    ]);
    x('openssl', ['x509', '-in', f('crt'), '-outform', 'DER', '-out', f('der')]);
    x('pkcs11-tool', [
      ...[
        '--module',
        '/usr/lib/softhsm/libsofthsm2.so',
        '--token-label',
        'PKI Test',
        '--login',
        '--pin',
        '123456',
      ],
      ...['--write-object', f('der'), '--type', 'cert', '--id', k.id, '--label', k.name],
    ]);
  }
  return conf;
}

export async function makePki(opts: { tsa?: boolean; token?: boolean } = {}): Promise<Pki> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-pki-'));
  const p = (f: string) => path.join(dir, f);
  fs.mkdirSync(p('new'));
  const hits: string[] = [];
  const down = new Set<string>();
  let server: http.Server | null = null;
  const handler: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push(`${req.method ?? ''} ${req.url ?? ''}`);
      if (down.has(req.url ?? '')) {
        res.writeHead(503).end();
        return;
      }
      try {
        if (req.method === 'POST' && req.url === '/ocsp') {
          const q = p(`q-${crypto.randomUUID()}.der`);
          const r = `${q}.resp`;
          fs.writeFileSync(q, Buffer.concat(chunks));
          // openssl ocsp as the responder: the inter CA's index, a delegated responder certificate.
          sh('openssl', [
            'ocsp',
            ...['-index', p('idx-inter.txt'), '-CA', p('inter.crt')],
            ...['-rsigner', p('ocsp.crt'), '-rkey', p('ocsp.key'), '-nmin', '5'],
            ...['-reqin', q, '-respout', r],
          ]);
          res.writeHead(200, { 'content-type': 'application/ocsp-response' }).end(fs.readFileSync(r));
        } else if (req.method === 'POST' && req.url === '/tsa') {
          const q = p(`tsq-${crypto.randomUUID()}.der`);
          fs.writeFileSync(q, Buffer.concat(chunks));
          run('openssl', ['ts', '-reply', '-config', p('cnf-tsa'), '-queryfile', q, '-out', `${q}.tsr`]).then(
            () =>
              res
                .writeHead(200, { 'content-type': 'application/timestamp-reply' })
                .end(fs.readFileSync(`${q}.tsr`)),
            () => res.writeHead(500).end(),
          );
        } else if (req.method === 'GET' && (req.url === '/root.crl' || req.url === '/inter.crl')) {
          res
            .writeHead(200, { 'content-type': 'application/pkix-crl' })
            .end(fs.readFileSync(p(req.url.slice(1))));
        } else res.writeHead(404).end();
      } catch {
        res.writeHead(500).end();
      }
    });
  };
  const listen = (port: number) =>
    new Promise<number>((resolve) => {
      server = http.createServer(handler);
      server.listen(port, '127.0.0.1', () => resolve((server?.address() as AddressInfo).port));
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.closeAllConnections();
      server.close(() => resolve());
      server = null;
    });
  const port = await listen(0);
  const base = `http://127.0.0.1:${port}`;
  for (const id of ['root', 'inter', 'x']) {
    fs.writeFileSync(p(`cnf-${id}`), cnf(dir, base).replace(/ID/g, id));
    fs.writeFileSync(p(`idx-${id}.txt`), '');
    fs.writeFileSync(p(`serial-${id}`), id === 'root' ? '10\n' : id === 'inter' ? '2000\n' : '3000\n');
    fs.writeFileSync(p(`crlnum-${id}`), '01\n');
  }
  const key = (name: string) =>
    sh('openssl', [
      'genpkey',
      '-algorithm',
      'RSA',
      '-pkeyopt',
      'rsa_keygen_bits:2048',
      '-out',
      p(`${name}.key`),
    ]);
  const csr = (name: string, cn: string) => {
    key(name);
    sh('openssl', [
      'req',
      '-new',
      '-key',
      p(`${name}.key`),
      '-subj',
      `/CN=${cn}`,
      '-utf8',
      '-out',
      p(`${name}.csr`),
    ]);
  };
  /** Issues with `openssl ca` from the given CA's database (db: root, inter, or x for a throwaway one). */
  const issue = (
    name: string,
    cn: string,
    by: string,
    db: string,
    ext: string,
    dates: string[] = ['-days', '365'],
  ) => {
    csr(name, cn);
    sh('openssl', [
      'ca',
      ...['-batch', '-notext', '-utf8', '-config', p(`cnf-${db}`), '-extensions', ext],
      ...[
        '-cert',
        p(`${by}.crt`),
        '-keyfile',
        p(`${by}.key`),
        '-in',
        p(`${name}.csr`),
        '-out',
        p(`${name}.crt`),
      ],
      ...dates,
    ]);
  };
  const day = 86400_000;
  const ts = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  // The root is self-signed by `openssl ca -selfsign` so that it can start a year ago.
  csr('root', 'PKI Test Root');
  sh('openssl', [
    'ca',
    ...['-batch', '-notext', '-selfsign', '-config', p('cnf-root'), '-extensions', 'root_ext'],
    ...['-keyfile', p('root.key'), '-in', p('root.csr'), '-out', p('root.crt')],
    ...['-startdate', ts(new Date(Date.now() - 365 * day)), '-days', '3650'],
  ]);
  const since = ['-startdate', ts(new Date(Date.now() - 30 * day)), '-days', '365'];
  issue('inter', 'PKI Test Intermediate', 'root', 'root', 'inter_ext', since);
  issue('ocsp', 'PKI Test OCSP', 'inter', 'inter', 'ocsp_ext');
  if (opts.tsa) {
    issue('tsa', 'PKI Test TSA', 'inter', 'inter', 'tsa_ext', since);
    fs.writeFileSync(p('cnf-tsa'), TSA_CNF(dir));
    fs.writeFileSync(p('tsaserial'), '01\n');
  }
  issue('good', 'Người Ký Tốt', 'inter', 'inter', 'signer_ext', since);
  issue('revokedBefore', 'Người Bị Thu Hồi Trước', 'inter', 'inter', 'signer_ext', since);
  issue('revokedAfter', 'Người Bị Thu Hồi Sau', 'inter', 'inter', 'signer_ext', since);
  issue('crlRevoked', 'Người Bị Thu Hồi Theo CRL', 'inter', 'inter', 'crl_signer_ext', since);
  issue('oddCritical', 'Người Có Phần Mở Rộng Lạ', 'inter', 'inter', 'odd_ext', since);
  issue('serverOnly', 'Máy Chủ Web', 'inter', 'inter', 'server_ext', since);
  // An end-entity (CA:FALSE) that issues a certificate of its own.
  issue('rogue', 'Người Dùng Cuối Giả CA', 'inter', 'inter', 'plain_signer_ext', since);
  issue('rogueVictim', 'Nạn Nhân Của CA Giả', 'rogue', 'x', 'plain_signer_ext', since);
  // An intermediate that expired in 2021, and a signer it issued that is valid today.
  issue('oldInter', 'Trung Gian Hết Hạn', 'root', 'root', 'inter_ext', [
    ...['-startdate', '20200101000000Z', '-enddate', '20210101000000Z'],
  ]);
  issue('underExpired', 'Người Ký Dưới CA Hết Hạn', 'oldInter', 'x', 'plain_signer_ext', since);
  // pathlen:0 below the root, yet another CA below it.
  issue('pl0', 'Trung Gian Pathlen 0', 'root', 'root', 'pl0_ext', since);
  issue('subInter', 'Trung Gian Cấp Dưới', 'pl0', 'x', 'pl0_ext', since);
  issue('underPathLen', 'Người Ký Vượt Pathlen', 'subInter', 'x', 'plain_signer_ext', since);

  // Revoked two days ago, keyCompromise; the dates are written into openssl's index as `-revoke` would.
  const revokedAt = new Date(Math.floor((Date.now() - 2 * day) / 1000) * 1000);
  for (const name of ['revokedBefore', 'revokedAfter', 'crlRevoked'])
    sh('openssl', [
      'ca',
      ...['-config', p('cnf-inter'), '-cert', p('inter.crt'), '-keyfile', p('inter.key')],
      ...['-revoke', p(`${name}.crt`), '-crl_reason', 'keyCompromise'],
    ]);
  const idx = fs.readFileSync(p('idx-inter.txt'), 'utf8');
  fs.writeFileSync(
    p('idx-inter.txt'),
    idx.replace(/^R\t(\S+)\t\S+?,keyCompromise/gm, `R\t$1\t${indexDate(revokedAt)},keyCompromise`),
  );
  for (const [db, by] of [
    ['root', 'root'],
    ['inter', 'inter'],
  ])
    sh('openssl', [
      'ca',
      '-config',
      p(`cnf-${db}`),
      '-gencrl',
      '-cert',
      p(`${by}.crt`),
      '-keyfile',
      p(`${by}.key`),
      '-out',
      p(`${db}.pem`),
    ]);
  for (const db of ['root', 'inter'])
    sh('openssl', ['crl', '-in', p(`${db}.pem`), '-outform', 'DER', '-out', p(`${db}.crl`)]);

  const softhsmConf = opts.token
    ? makeToken(dir, [
        { name: 'good', id: '01' },
        { name: 'revokedBefore', id: '02' },
      ])
    : null;

  const nssDir = p('nss');
  fs.mkdirSync(nssDir);
  sh('certutil', ['-N', '-d', `sql:${nssDir}`, '--empty-password']);
  sh('certutil', ['-A', '-d', `sql:${nssDir}`, '-n', 'PKI Test Root', '-t', 'CT,C,C', '-i', p('root.crt')]);

  const cert = (name: string) =>
    parseCert(
      Buffer.from(fs.readFileSync(p(`${name}.crt`), 'utf8').replace(/-----[^-]+-----|\s/g, ''), 'base64'),
    );
  const signer = (name: string, chain: string[]): Signer => {
    const k = crypto.createPrivateKey(fs.readFileSync(p(`${name}.key`)));
    return {
      certificate: cert(name),
      chain: chain.map(cert),
      sign: async (data) => crypto.sign('sha256', data, k),
    };
  };
  const signers: Record<SignerName, Signer> = {
    good: signer('good', ['inter']),
    revokedBefore: signer('revokedBefore', ['inter']),
    revokedAfter: signer('revokedAfter', ['inter']),
    serverOnly: signer('serverOnly', ['inter']),
    crlRevoked: signer('crlRevoked', ['inter']),
    oddCritical: signer('oddCritical', ['inter']),
    rogueVictim: signer('rogueVictim', ['rogue', 'inter']),
    underExpired: signer('underExpired', ['oldInter']),
    underPathLen: signer('underPathLen', ['subInter', 'pl0']),
  };
  return {
    dir,
    rootPem: fs.readFileSync(p('root.crt'), 'utf8'),
    nssDir,
    signers,
    revokedAt,
    hits,
    down,
    tsaUrl: `${base}/tsa`,
    softhsmConf,
    file: (name) => p(name),
    online: async (on) => {
      await stop();
      if (on) await listen(port);
    },
    close: async () => {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * pdfsig's verdict, with only the test root trusted in its NSS store. Run
 * asynchronously: NSS may ask the OCSP responder, which lives in this process.
 */
export function pdfsigPki(pki: Pki, file: string): Promise<string> {
  return new Promise((resolve) => {
    execFile('pdfsig', ['-nssdir', `sql:${pki.nssDir}`, file], { encoding: 'utf8' }, (_err, stdout, stderr) =>
      resolve(`${stdout}${stderr}`),
    );
  });
}
