/**
 * `npm run bench:sign` — 100 PDFs signed on a SoftHSM2 token with one PIN
 * entry (one C_Login), PAdES B-B with the visible stamp, then 20 more B-T
 * against a local `openssl ts` TSA. Prints seconds per signature beside the
 * raw C_SignInit + C_Sign time measured inside the token worker, so our own
 * overhead (PDF parsing, incremental update, CMS, stamp font, worker hops) is
 * visible; and `pkcs11-tool --sign` (one process per signature) as the
 * reference tool's figure.
 *
 * Options: --count N (default 100), --pages N per PDF (default 2).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stampFont } from '../../electron/engine/sign/service';
import { signPdf } from '../../electron/engine/sign/signer';
import { TokenClient } from '../../electron/engine/sign/token';
import { verifyPdf } from '../../electron/engine/sign/verify';
import {
  makeTestPki,
  pdfsig,
  samplePdf,
  SOFTHSM_MODULE,
  startTsa,
  TOKEN_LABEL,
  USER_PIN,
} from '../../test/sign/fixture';

const { values } = parseArgs({ options: { count: { type: 'string' }, pages: { type: 'string' } } });
const count = Number(values.count ?? 100);
const pages = Number(values.pages ?? 2);

const pki = makeTestPki();
process.env.SOFTHSM2_CONF = pki.env.SOFTHSM2_CONF;
const tsa = await startTsa(pki);
const client = new TokenClient();
try {
  const input = await samplePdf(pages);
  const font = stampFont();
  const t0 = performance.now();
  const signer = await client.open({ modulePath: SOFTHSM_MODULE, keyId: '01', pin: USER_PIN });
  const loginMs = performance.now() - t0;
  const outDir = path.join(pki.dir, 'bench');
  fs.mkdirSync(outDir);
  const t1 = performance.now();
  let last: Buffer = Buffer.alloc(0);
  for (let i = 0; i < count; i++) {
    const r = await signPdf(input, signer, {
      stamp: { lines: ['Sao y', 'UBND xã Thử Nghiệm', '2026-11-27T08:00:00+07:00'], font, fontSize: 10 },
    });
    last = r.pdf;
    fs.writeFileSync(path.join(outDir, `f${i}.pdf`), r.pdf);
  }
  const bbMs = performance.now() - t1;
  const rawBb = signer.signMs;

  const plainCount = Math.min(20, count);
  const t5 = performance.now();
  for (let i = 0; i < plainCount; i++) await signPdf(input, signer, {});
  const plainMs = performance.now() - t5;

  const btCount = Math.min(20, count);
  signer.signMs = 0;
  const t2 = performance.now();
  for (let i = 0; i < btCount; i++)
    await signPdf(input, signer, { tsa: { url: tsa.url, timeoutMs: 10_000 } });
  const btMs = performance.now() - t2;
  await signer.close();

  // Reference: pkcs11-tool signing the same-size data, one process (and one login) per signature.
  const data = path.join(pki.dir, 'attrs.bin');
  fs.writeFileSync(data, Buffer.alloc(120, 7));
  const refRuns = 10;
  const t3 = performance.now();
  for (let i = 0; i < refRuns; i++) {
    execFileSync(
      'pkcs11-tool',
      [
        '--module',
        SOFTHSM_MODULE,
        '--token-label',
        TOKEN_LABEL,
        '--login',
        '--pin',
        USER_PIN,
        '--sign',
        '--mechanism',
        'SHA256-RSA-PKCS',
        '--id',
        '01',
        '--input-file',
        data,
        '--output-file',
        `${data}.sig`,
      ],
      { env: pki.env, stdio: 'ignore' },
    );
  }
  const refMs = performance.now() - t3;

  const ok = pdfsig(pki, path.join(outDir, `f${count - 1}.pdf`)).includes('Signature is Valid');
  const t4 = performance.now();
  const verdict = verifyPdf(last, [pki.caPem]).verdict;
  const verifyMs = performance.now() - t4;

  const row = (what: string, perSig: number, note: string) =>
    console.log(`| ${what.padEnd(44)} | ${(perSig / 1000).toFixed(4).padStart(8)} s | ${note}`);
  console.log(
    `\nSoftHSM2 RSA-2048, ${count} PDFs of ${pages} pages (${(input.length / 1024).toFixed(0)} KB), one PIN entry (C_Login ${loginMs.toFixed(0)} ms)\n`,
  );
  console.log('| measure                                      | per signature | note');
  console.log('|----------------------------------------------|------------|------');
  row('ours: PAdES B-B + stamp, whole file', bbMs / count, `${(bbMs / 1000).toFixed(2)} s for ${count}`);
  row(
    '  of which raw C_SignInit+C_Sign (in worker)',
    rawBb / count,
    `overhead ${((bbMs - rawBb) / count).toFixed(1)} ms/signature`,
  );
  row('ours: PAdES B-B, invisible (no stamp font)', plainMs / plainCount, `${plainCount} files`);
  row('ours: PAdES B-T (local openssl ts TSA)', btMs / btCount, `${btCount} files`);
  row('pkcs11-tool --sign (process + login each)', refMs / refRuns, `${refRuns} runs, reference tool`);
  row('our verifier (one file)', verifyMs, `verdict ${verdict}`);
  console.log(`\npdfsig on the last file: ${ok ? 'Signature is Valid' : 'NOT VALID'}`);
} finally {
  await client.terminate();
  await tsa.close();
  pki.cleanup();
}
