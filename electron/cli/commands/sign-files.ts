import fs from 'node:fs';
import path from 'node:path';
import { StationError } from '../../../shared/api/errors';
import { errorMessage } from '../../../shared/i18n/errors';
import { type CertInfo, parseCert, pemToDers } from '../../engine/sign/certs';
import { LEVELS, LevelError, type LevelChoice, shortfallError, signAtLevel } from '../../engine/sign/levels';
import { PdfPrepareError } from '../../engine/sign/pdf';
import { RevocationChecker } from '../../engine/sign/revocation';
import { assertCanSign, isoVietnam, stampFont, tokenErrorToStation } from '../../engine/sign/service';
import { TokenClient, TokenError, type TokenSigner } from '../../engine/sign/token';
import type { TsaConfig } from '../../engine/sign/tsa';
import { type CliContext, need, parse, UsageError, writeAtomic } from './kit';

/**
 * `sohoa sign`: PDFs signed on the token with one PIN, to a PAdES level.
 * `auto` (the default) reaches what the TSA and the revocation sources allow
 * and says why a file stayed lower; an explicit `--level` is required: a file
 * that cannot reach it is not written, the reason is printed, and the command
 * ends with 1 after the other files.
 */

const OPTIONS = {
  module: { type: 'string' },
  token: { type: 'string' },
  'key-id': { type: 'string' },
  'pin-env': { type: 'string' },
  tsa: { type: 'string' },
  'tsa-timeout': { type: 'string' },
  level: { type: 'string' },
  chain: { type: 'string', multiple: true },
  'revocation-timeout': { type: 'string' },
  visible: { type: 'boolean' },
  org: { type: 'string' },
  'copy-type': { type: 'string' },
  out: { type: 'string' },
  'out-dir': { type: 'string' },
} as const;

type Values = ReturnType<typeof parse<typeof OPTIONS>>['values'];

export const asStation = (err: unknown, ctx: { path?: string; token?: string }) =>
  err instanceof TokenError ? tokenErrorToStation(err, ctx) : err;

function levelOf(v: string | undefined): LevelChoice {
  if (v === undefined || v === 'auto') return 'auto';
  const level = LEVELS.find((l) => l === v);
  if (!level) throw new UsageError(`--level must be auto, ${LEVELS.join(', ')}`);
  return level;
}

function chainCerts(files: string[]): CertInfo[] {
  return files.flatMap((f) => pemToDers(fs.readFileSync(f, 'utf8')).map(parseCert));
}

function checkArgs(values: Values, positionals: string[]): string {
  const pinVar = need(values['pin-env'], '--pin-env VAR');
  const pin = process.env[pinVar];
  if (!pin) throw new UsageError(`environment variable ${pinVar} (the PIN) is empty`);
  if (positionals.length === 0) throw new UsageError('missing IN.pdf');
  if (positionals.length > 1 && !values['out-dir']) throw new UsageError('several inputs need --out-dir DIR');
  if (positionals.length === 1 && !values.out && !values['out-dir'])
    throw new UsageError('missing --out OUT.pdf');
  return pin;
}

interface Run {
  signer: TokenSigner;
  values: Values;
  level: LevelChoice;
  tsa: TsaConfig | undefined;
  trust: CertInfo[];
  checker: RevocationChecker;
  ctx: CliContext;
  autoUpTo: 'B-T' | 'B-LT';
}

/** Signs one file; false when it failed (the reason printed, nothing written). */
async function signOne(input: string, run: Run): Promise<boolean> {
  const { values, signer } = run;
  const target = values['out-dir']
    ? path.join(values['out-dir'], path.basename(input))
    : need(values.out, '--out');
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(input);
  } catch {
    throw new StationError('sign_pdf_unreadable', { name: input });
  }
  const when = new Date();
  const lines = [
    values['copy-type'] ?? 'Sao y',
    values.org ?? signer.certificate.commonName,
    isoVietnam(when),
  ];
  const url = run.tsa?.url ?? '';
  try {
    const r = await signAtLevel(bytes, signer, {
      level: run.level,
      autoUpTo: run.autoUpTo,
      checker: run.checker,
      trust: run.trust,
      signingTime: when,
      tsa: run.tsa,
      stamp: values.visible ? { lines, font: stampFont(), fontSize: 10 } : undefined,
    });
    let note = '';
    if (r.shortfall) {
      const e = shortfallError('B-LT', r.shortfall, url);
      note = ` (${errorMessage(new StationError(e.code, e.params).toValue(), run.ctx.lang)})`;
      if (r.shortfall.kind === 'tsa_unreachable') {
        console.error(`TSA: ${r.shortfall.detail} — signed B-B (no timestamp)`);
        run.tsa = undefined;
      } else run.autoUpTo = 'B-T';
    }
    if (values['out-dir']) fs.mkdirSync(values['out-dir'], { recursive: true });
    writeAtomic(target, r.pdf);
    console.log(
      `${target}: ${r.level}, ${signer.certificate.commonName}, ${isoVietnam(r.signingTime)}${note}`,
    );
    return true;
  } catch (err) {
    if (err instanceof PdfPrepareError)
      throw new StationError('sign_pdf_unreadable', { name: input }, err.message);
    if (!(err instanceof LevelError)) throw asStation(err, {});
    const e = shortfallError(err.wanted, err.shortfall, url);
    const appError = new StationError(e.code, e.params, e.detail).toValue();
    console.error(`${input}: error [${e.code}]: ${errorMessage(appError, run.ctx.lang)}`);
    return false;
  }
}

export async function signFiles(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parse(argv, OPTIONS);
  const modulePath = need(values.module, '--module LIB');
  const pin = checkArgs(values, positionals);
  const level = levelOf(values.level);
  const trust = chainCerts(values.chain ?? []);
  const client = new TokenClient();
  try {
    const signer = await client
      .open({ modulePath, tokenLabel: values.token, keyId: values['key-id'], pin, extraCerts: trust })
      .catch((err: unknown) => {
        throw asStation(err, { path: modulePath, token: values.token });
      });
    assertCanSign(signer.certificate);
    const run: Run = {
      signer,
      values,
      level,
      tsa: values.tsa ? { url: values.tsa, timeoutMs: Number(values['tsa-timeout'] ?? 10_000) } : undefined,
      trust,
      checker: new RevocationChecker({ timeoutMs: Number(values['revocation-timeout'] ?? 4000) }),
      ctx,
      autoUpTo: 'B-LT',
    };
    let failed = 0;
    for (const input of positionals) if (!(await signOne(input, run))) failed++;
    await signer.close();
    return failed ? 1 : 0;
  } finally {
    await client.terminate();
  }
}
