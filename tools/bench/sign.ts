/**
 * `npm run bench:sign` — 100 PDFs signed on a SoftHSM2 token with one PIN
 * entry (one C_Login), PAdES B-B with the visible stamp, then 20 more each at
 * B-T, B-LT and B-LTA against local responders (an `openssl ts` TSA, an
 * `openssl ocsp` responder and CRLs over HTTP on 127.0.0.1: the test PKI of
 * test/sign/pki-fixture.ts, root → intermediate → signer). Prints seconds per
 * signature beside the raw C_SignInit + C_Sign time measured inside the token
 * worker, so our own overhead (PDF parsing, incremental update, CMS, stamp
 * font, worker hops, DSS) is visible; and the reference tools' figures in the
 * same run: `pkcs11-tool --sign` (one process per signature, on the token)
 * and `openssl cms -sign` (a detached CMS over the same PDF, key from a file).
 *
 * Options: --count N (default 100), --pages N per PDF (default 2).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseCert, pemToDers } from '../../electron/engine/sign/certs';
import { type LevelChoice, signAtLevel } from '../../electron/engine/sign/levels';
import { RevocationChecker } from '../../electron/engine/sign/revocation';
import { stampFont } from '../../electron/engine/sign/service';
import { signPdf } from '../../electron/engine/sign/signer';
import { TokenClient, type TokenSigner } from '../../electron/engine/sign/token';
import { verifyPdf } from '../../electron/engine/sign/verify';
import { samplePdf, SOFTHSM_MODULE, USER_PIN } from '../../test/sign/fixture';
import { makePki, pdfsigPki } from '../../test/sign/pki-fixture';

const { values } = parseArgs({ options: { count: { type: 'string' }, pages: { type: 'string' } } });
const count = Number(values.count ?? 100);
const pages = Number(values.pages ?? 2);

const pki = await makePki({ tsa: true, token: true });
process.env.SOFTHSM2_CONF = pki.softhsmConf ?? '';
const env = { ...process.env };
const trust = [pki.rootPem, fs.readFileSync(pki.file('inter.crt'), 'utf8')].flatMap(pemToDers).map(parseCert);
const tsa = { url: pki.tsaUrl, timeoutMs: 10_000 };
const client = new TokenClient();

const row = (what: string, perSig: number, note: string) =>
  console.log(`| ${what.padEnd(46)} | ${(perSig / 1000).toFixed(4).padStart(8)} s | ${note}`);

/** `runs` signatures at one level (a fresh revocation cache, as one batch has). */
async function atLevel(signer: TokenSigner, input: Buffer, level: LevelChoice, runs: number) {
  const checker = new RevocationChecker({ timeoutMs: 4000 });
  const t = performance.now();
  let last: Buffer = Buffer.alloc(0);
  let ltvMs = 0;
  for (let i = 0; i < runs; i++) {
    const r = await signAtLevel(input, signer, { level, tsa, checker, trust });
    if (r.level !== level) throw new Error(`asked ${level}, got ${r.level}`);
    ltvMs += r.ltvMs + r.ltaMs;
    last = r.pdf;
  }
  return { ms: performance.now() - t, last, ltvMs };
}

function reference(cmd: string, args: string[], runs: number): number {
  const t = performance.now();
  for (let i = 0; i < runs; i++) execFileSync(cmd, args, { env, stdio: 'ignore' });
  return performance.now() - t;
}

try {
  const input = await samplePdf(pages);
  const font = stampFont();
  const t0 = performance.now();
  const signer = await client.open({
    modulePath: SOFTHSM_MODULE,
    keyId: '01',
    pin: USER_PIN,
    extraCerts: trust,
  });
  const loginMs = performance.now() - t0;
  const outDir = path.join(pki.dir, 'bench');
  fs.mkdirSync(outDir);
  const t1 = performance.now();
  for (let i = 0; i < count; i++) {
    const r = await signPdf(input, signer, {
      stamp: { lines: ['Sao y', 'UBND xã Thử Nghiệm', '2026-11-27T08:00:00+07:00'], font, fontSize: 10 },
    });
    fs.writeFileSync(path.join(outDir, `f${i}.pdf`), r.pdf);
  }
  const bbMs = performance.now() - t1;
  const rawBb = signer.signMs;

  const n = Math.min(20, count);
  const t5 = performance.now();
  for (let i = 0; i < n; i++) await signPdf(input, signer, {});
  const plainMs = performance.now() - t5;
  const bt = await atLevel(signer, input, 'B-T', n);
  const lt = await atLevel(signer, input, 'B-LT', n);
  const lta = await atLevel(signer, input, 'B-LTA', n);
  await signer.close();

  // References: pkcs11-tool signing the same-size data, one process (and one login) per signature;
  // openssl cms -sign making a detached CMS over the same PDF with the same certificate (key from a file).
  const data = path.join(pki.dir, 'attrs.bin');
  fs.writeFileSync(data, Buffer.alloc(120, 7));
  const refRuns = 10;
  const pkcs11Ms = reference(
    'pkcs11-tool',
    [
      ...['--module', SOFTHSM_MODULE, '--token-label', 'PKI Test', '--login', '--pin', USER_PIN, '--sign'],
      ...[
        '--mechanism',
        'SHA256-RSA-PKCS',
        '--id',
        '01',
        '--input-file',
        data,
        '--output-file',
        `${data}.sig`,
      ],
    ],
    refRuns,
  );
  const pdfFile = path.join(pki.dir, 'input.pdf');
  fs.writeFileSync(pdfFile, input);
  const cmsMs = reference(
    'openssl',
    [
      ...[
        'cms',
        '-sign',
        '-binary',
        '-in',
        pdfFile,
        '-signer',
        pki.file('good.crt'),
        '-inkey',
        pki.file('good.key'),
      ],
      ...['-certfile', pki.file('inter.crt'), '-outform', 'DER', '-out', `${pdfFile}.p7s`],
    ],
    refRuns,
  );

  await pki.online(false);
  const ltaFile = path.join(outDir, 'lta.pdf');
  fs.writeFileSync(ltaFile, lta.last);
  const judge = await pdfsigPki(pki, ltaFile);
  const t4 = performance.now();
  const offline = verifyPdf(lt.last, [pki.rootPem]);
  const verifyMs = performance.now() - t4;

  console.log(
    `\nSoftHSM2 RSA-2048, ${count} PDFs of ${pages} pages (${(input.length / 1024).toFixed(0)} KB), one PIN entry (C_Login ${loginMs.toFixed(0)} ms); local TSA, OCSP and CRLs\n`,
  );
  console.log('| measure                                        | per signature | note');
  console.log('|------------------------------------------------|------------|------');
  row('ours: PAdES B-B + stamp, whole file', bbMs / count, `${(bbMs / 1000).toFixed(2)} s for ${count}`);
  row(
    '  of which raw C_SignInit+C_Sign (in worker)',
    rawBb / count,
    `overhead ${((bbMs - rawBb) / count).toFixed(1)} ms/signature`,
  );
  row('ours: PAdES B-B, invisible (no stamp font)', plainMs / n, `${n} files`);
  row('ours: PAdES B-T (local openssl ts TSA)', bt.ms / n, `${n} files`);
  row(
    'ours: PAdES B-LT (+ OCSP ×2, CRL, DSS)',
    lt.ms / n,
    `${n} files; DSS step ${(lt.ltvMs / n).toFixed(1)} ms`,
  );
  row(
    'ours: PAdES B-LTA (+ document timestamp)',
    lta.ms / n,
    `${n} files; DSS + doc TS ${(lta.ltvMs / n).toFixed(1)} ms`,
  );
  row('pkcs11-tool --sign (process + login each)', pkcs11Ms / refRuns, `${refRuns} runs, reference tool`);
  row('openssl cms -sign, detached (key file)', cmsMs / refRuns, `${refRuns} runs, reference tool`);
  row(
    'our verifier, B-LT file offline (DSS)',
    verifyMs,
    `level ${offline.signatures[0]?.level}, revocation ${offline.signatures[0]?.revocation?.status}, verdict ${offline.verdict}`,
  );
  console.log(
    `\nB-LT: ${(lt.last.length / 1024).toFixed(1)} KB, B-LTA: ${(lta.last.length / 1024).toFixed(1)} KB`,
  );
  console.log(
    `pdfsig on the last B-LTA file, responders off: ${judge.includes('Signature is Valid') ? 'Signature is Valid' : 'NOT VALID'}`,
  );
} finally {
  await client.terminate();
  await pki.close();
}
