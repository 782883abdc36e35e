/**
 * Real components for the signing tests: a test CA made with openssl, a
 * SoftHSM2 token holding the signer's keys and certificates, an `openssl ts`
 * time-stamping authority behind an HTTP server on 127.0.0.1, and an NSS
 * store trusting the test CA for `pdfsig`, the independent judge.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';
export const USER_PIN = '123456';
export const SO_PIN = '12345678';
export const TOKEN_LABEL = 'SoHoa Test';

export interface TestPki {
  dir: string;
  caPem: string;
  caCertFile: string;
  /** Environment for every process that opens the token. */
  env: NodeJS.ProcessEnv;
  nssDir: string;
  cleanup(): void;
}

function sh(cmd: string, args: string[], env?: NodeJS.ProcessEnv): string {
  return execFileSync(cmd, args, {
    encoding: 'utf8',
    env: env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const CA_CNF = (dir: string) => `
[ ca ]
default_ca = testca
[ testca ]
dir = ${dir}
database = ${dir}/index.txt
new_certs_dir = ${dir}/newcerts
serial = ${dir}/serial
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = none
[ anything ]
commonName = supplied
organizationName = optional
countryName = optional
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
[ v3_ca ]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ signer ]
basicConstraints = CA:false
keyUsage = critical,digitalSignature,nonRepudiation
authorityKeyIdentifier = keyid
[ encrypt_only ]
basicConstraints = CA:false
keyUsage = critical,keyEncipherment
[ tsa_ext ]
basicConstraints = CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,timeStamping
[ tsa ]
default_tsa = tsa1
[ tsa1 ]
dir = ${dir}
serial = ${dir}/tsaserial
crypto_device = builtin
signer_cert = ${dir}/tsa.crt
certs = ${dir}/ca.crt
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

export interface KeySpec {
  id: string;
  label: string;
  type: 'rsa' | 'ec';
  cn: string;
  ext?: 'signer' | 'encrypt_only';
  start?: string;
  end?: string;
}

/** The keys our token holds: a valid RSA signer, a valid EC signer, an expired RSA one, an encrypt-only one. */
export const KEYS: KeySpec[] = [
  { id: '01', label: 'rsa-signer', type: 'rsa', cn: 'Nguyễn Văn An' },
  { id: '02', label: 'ec-signer', type: 'ec', cn: 'Trần Thị Bình' },
  {
    id: '03',
    label: 'rsa-expired',
    type: 'rsa',
    cn: 'Lê Văn Cũ',
    start: '20200101000000Z',
    end: '20210101000000Z',
  },
  { id: '04', label: 'rsa-encrypt', type: 'rsa', cn: 'Phạm Mã Hóa', ext: 'encrypt_only' },
];

/** Makes the CA, the TSA certificate, a SoftHSM2 token with the keys above, and an NSS store. */
export function makeTestPki(opts: { tokens?: string[] } = {}): TestPki {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-sign-'));
  const p = (f: string) => path.join(dir, f);
  fs.mkdirSync(p('newcerts'));
  fs.mkdirSync(p('tokens'));
  fs.writeFileSync(p('index.txt'), '');
  fs.writeFileSync(p('serial'), '1000\n');
  fs.writeFileSync(p('tsaserial'), '01\n');
  fs.writeFileSync(p('ca.cnf'), CA_CNF(dir));
  fs.writeFileSync(
    p('softhsm2.conf'),
    `directories.tokendir = ${p('tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`,
  );
  const env = { ...process.env, SOFTHSM2_CONF: p('softhsm2.conf'), OPENSSL_CONF: p('ca.cnf') };
  const cnf = p('ca.cnf');

  sh('openssl', [
    'req',
    '-x509',
    '-new',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    p('ca.key'),
    '-out',
    p('ca.crt'),
    '-days',
    '3650',
    '-subj',
    '/CN=SoHoa Test CA/O=SoHoa Test',
    '-config',
    cnf,
    '-extensions',
    'v3_ca',
    '-utf8',
  ]);
  const issue = (
    name: string,
    key: string,
    subj: string,
    ext: string,
    dates?: { start?: string; end?: string },
  ) => {
    sh('openssl', [
      'req',
      '-new',
      '-key',
      key,
      '-out',
      p(`${name}.csr`),
      '-subj',
      subj,
      '-config',
      cnf,
      '-utf8',
    ]);
    sh('openssl', [
      'ca',
      '-batch',
      '-config',
      cnf,
      '-in',
      p(`${name}.csr`),
      '-out',
      p(`${name}.crt`),
      '-cert',
      p('ca.crt'),
      '-keyfile',
      p('ca.key'),
      '-extensions',
      ext,
      '-notext',
      '-utf8',
      ...(dates?.start ? ['-startdate', dates.start] : []),
      ...(dates?.end ? ['-enddate', dates.end] : ['-days', '730']),
    ]);
  };
  sh('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', p('tsa.key')]);
  issue('tsa', p('tsa.key'), '/CN=SoHoa Test TSA', 'tsa_ext');

  for (const label of opts.tokens ?? [TOKEN_LABEL]) {
    sh(
      'softhsm2-util',
      ['--init-token', '--free', '--label', label, '--so-pin', SO_PIN, '--pin', USER_PIN],
      env,
    );
    for (const k of KEYS) {
      const key = p(`${label}-${k.id}.key`);
      if (k.type === 'rsa')
        sh('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', key]);
      else sh('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key]);
      const name = `${label}-${k.id}`.replace(/\s/g, '_');
      issue(name, key, `/CN=${k.cn}/O=UBND xã Thử Nghiệm`, k.ext ?? 'signer', k);
      // Provisioning only: the key is generated outside and imported; signing happens on the token.
      sh(
        'softhsm2-util',
        ['--import', key, '--token', label, '--label', k.label, '--id', k.id, '--pin', USER_PIN],
        env,
      );
      sh('openssl', ['x509', '-in', p(`${name}.crt`), '-outform', 'DER', '-out', p(`${name}.der`)]);
      sh(
        'pkcs11-tool',
        [
          '--module',
          SOFTHSM_MODULE,
          '--token-label',
          label,
          '--login',
          '--pin',
          USER_PIN,
          '--write-object',
          p(`${name}.der`),
          '--type',
          'cert',
          '--id',
          k.id,
          '--label',
          k.label,
        ],
        env,
      );
    }
  }

  const nssDir = p('nss');
  fs.mkdirSync(nssDir);
  sh('certutil', ['-N', '-d', `sql:${nssDir}`, '--empty-password']);
  sh('certutil', ['-A', '-d', `sql:${nssDir}`, '-n', 'SoHoa Test CA', '-t', 'CT,C,C', '-i', p('ca.crt')]);
  return {
    dir,
    caPem: fs.readFileSync(p('ca.crt'), 'utf8'),
    caCertFile: p('ca.crt'),
    env,
    nssDir,
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** pdfsig's verdict on a file, with our test CA trusted. */
export function pdfsig(pki: TestPki, file: string): string {
  try {
    return sh('pdfsig', ['-nssdir', `sql:${pki.nssDir}`, file]);
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
}

export interface TestTsa {
  url: string;
  requests: number;
  close(): Promise<void>;
}

/** `openssl ts -reply` behind a small HTTP server on 127.0.0.1: a real RFC 3161 TSA. */
export async function startTsa(
  pki: TestPki,
  opts: { username?: string; password?: string } = {},
): Promise<TestTsa> {
  let n = 0;
  const state = { requests: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.requests++;
      if (opts.username) {
        const want = `Basic ${Buffer.from(`${opts.username}:${opts.password ?? ''}`).toString('base64')}`;
        if (req.headers.authorization !== want) {
          res.writeHead(401).end();
          return;
        }
      }
      const q = path.join(pki.dir, `tsq-${++n}.der`);
      const r = `${q}.reply`;
      fs.writeFileSync(q, Buffer.concat(chunks));
      run('openssl', ['ts', '-reply', '-config', path.join(pki.dir, 'ca.cnf'), '-queryfile', q, '-out', r], {
        timeout: 10_000,
      }).then(
        () => {
          res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(fs.readFileSync(r));
        },
        (err: Error) => {
          res.writeHead(500).end(err.message);
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    get requests() {
      return state.requests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A small PDF from pdf-lib (object streams, like the station's component PDFs). */
export async function samplePdf(pages = 1, opts: { objectStreams?: boolean } = {}): Promise<Buffer> {
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`Test page ${i + 1}`, { x: 60, y: 700, size: 18, font });
  }
  return Buffer.from(await doc.save({ useObjectStreams: opts.objectStreams ?? true }));
}

/**
 * SoftHSM2 counts wrong PINs (it raises CKF_USER_PIN_COUNT_LOW) but never
 * locks a token. A real USB token locks when its retry counter runs out; to
 * put SoftHSM in that state we set the token's own persisted flags
 * (CKA_OS_TOKENFLAGS in token.object), which SoftHSM then reports through
 * C_GetTokenInfo exactly as a locked token does.
 */
export function setTokenFlags(pki: TestPki, add: number): void {
  const tokensDir = path.join(pki.dir, 'tokens');
  for (const t of fs.readdirSync(tokensDir)) {
    const file = path.join(tokensDir, t, 'token.object');
    const b = fs.readFileSync(file);
    const tag = Buffer.from('000000008000534b0000000000000002', 'hex');
    const at = b.indexOf(tag);
    if (at < 0) throw new Error('token flags not found');
    const pos = at + tag.length;
    b.writeBigUInt64BE(b.readBigUInt64BE(pos) | BigInt(add), pos);
    fs.writeFileSync(file, b);
  }
}
export const CKF_USER_PIN_FINAL_TRY = 0x20000;
export const CKF_USER_PIN_LOCKED = 0x40000;
