import fs from 'node:fs';
import path from 'node:path';
import { StationError } from '../../../shared/api/errors';
import type { VerifyReport } from '../../../shared/api/rooms/sign';
import type { Lang } from '../../../shared/i18n/errors';
import { ui } from '../../../shared/i18n/ui';
import {
  assertCanSign,
  isoVietnam,
  stampFont,
  tokenErrorToStation,
  tokenView,
} from '../../engine/sign/service';
import { RevocationChecker, signPdf, TokenClient, TokenError, verifyPdfOnline } from '../../engine/sign';
import { PdfPrepareError } from '../../engine/sign/pdf';
import { type Command, need, parse, printJson, UsageError, writeAtomic } from './kit';

const asStation = (err: unknown, ctx: { path?: string; token?: string }) =>
  err instanceof TokenError ? tokenErrorToStation(err, ctx) : err;

/** i18next-style `{{name}}` placeholders, as the UI strings use them. */
const interpolate = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) =>
    Object.hasOwn(params, key) ? String(params[key]) : whole,
  );

/** The verification report in the clerk's words (Vietnamese by default with --lang vi). */
export function reportText(r: VerifyReport, lang: Lang): string {
  const t = ui[lang].sign;
  const lines = [t[`verdict_${r.verdict}`]];
  if (r.modifiedAfterLastSignature) lines.push(t.modifiedAfter);
  for (const s of r.signatures) {
    lines.push(
      '',
      `${interpolate(t.signatureN, { n: s.index + 1 })} — ${t[`verdict_${s.verdict}`]} (${s.level})`,
    );
    if (s.signer)
      lines.push(`  ${interpolate(t.signer, { name: s.signer.commonName })}`, `  ${s.signer.issuer}`);
    if (s.claimedTime)
      lines.push(`  ${interpolate(t.claimedTime, { time: isoVietnam(new Date(s.claimedTime)) })}`);
    if (s.timestamp)
      lines.push(
        `  ${interpolate(t.timestamp, { time: isoVietnam(new Date(s.timestamp.time)), tsa: s.timestamp.tsa })}`,
      );
    if (s.judgedAt)
      lines.push(
        `  ${interpolate(t.judgedAt, { time: isoVietnam(new Date(s.judgedAt.time)), source: t.judgedAtSource[s.judgedAt.source] })}`,
      );
    for (const f of s.findings) lines.push(`  - ${t.finding[f]}`);
    for (const p of s.pathProblems) lines.push(`  - ${interpolate(t.path[p.code], { name: p.subject })}`);
  }
  return lines.join('\n');
}

export const signCommands: Record<string, Command> = {
  tokens: {
    usage: 'tokens --module LIB [--json]                          PKCS#11 tokens and their certificates',
    async run(argv) {
      const { values } = parse(argv, { module: { type: 'string' }, json: { type: 'boolean' } });
      const modulePath = need(values.module, '--module LIB');
      const client = new TokenClient();
      try {
        const slots = await client.list(modulePath).catch((err: unknown) => {
          throw asStation(err, { path: modulePath });
        });
        const tokens = slots.map(tokenView);
        if (values.json) return printJson(tokens);
        for (const t of tokens) {
          console.log(
            `${t.tokenLabel}  (${t.manufacturer} ${t.model}, serial ${t.serial})${t.pin.locked ? '  [PIN LOCKED]' : ''}`,
          );
          for (const c of t.certificates) {
            console.log(
              `  id ${c.keyId.padEnd(6)} ${c.commonName}  [${c.keyType}] ${c.notBefore.slice(0, 10)}..${c.notAfter.slice(0, 10)}` +
                `${c.problem ? `  (${c.problem})` : ''}`,
            );
          }
        }
      } finally {
        await client.terminate();
      }
    },
  },
  sign: {
    usage:
      'sign --module LIB [--token LABEL] [--key-id HEX] --pin-env VAR [--tsa URL] [--visible] [--org NAME] (--out OUT.pdf IN.pdf | --out-dir DIR IN.pdf…)',
    async run(argv) {
      const { values, positionals } = parse(argv, {
        module: { type: 'string' },
        token: { type: 'string' },
        'key-id': { type: 'string' },
        'pin-env': { type: 'string' },
        tsa: { type: 'string' },
        'tsa-timeout': { type: 'string' },
        visible: { type: 'boolean' },
        org: { type: 'string' },
        'copy-type': { type: 'string' },
        out: { type: 'string' },
        'out-dir': { type: 'string' },
      });
      const modulePath = need(values.module, '--module LIB');
      const pinVar = need(values['pin-env'], '--pin-env VAR');
      const pin = process.env[pinVar];
      if (!pin) throw new UsageError(`environment variable ${pinVar} (the PIN) is empty`);
      if (positionals.length === 0) throw new UsageError('missing IN.pdf');
      if (positionals.length > 1 && !values['out-dir'])
        throw new UsageError('several inputs need --out-dir DIR');
      if (positionals.length === 1 && !values.out && !values['out-dir'])
        throw new UsageError('missing --out OUT.pdf');
      const client = new TokenClient();
      try {
        const signer = await client
          .open({ modulePath, tokenLabel: values.token, keyId: values['key-id'], pin })
          .catch((err: unknown) => {
            throw asStation(err, { path: modulePath, token: values.token });
          });
        assertCanSign(signer.certificate);
        const font = values.visible ? stampFont() : null;
        let tsa = values.tsa
          ? { url: values.tsa, timeoutMs: Number(values['tsa-timeout'] ?? 10_000) }
          : undefined;
        for (const input of positionals) {
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
          const r = await signPdf(bytes, signer, {
            signingTime: when,
            tsa,
            stamp: font
              ? {
                  lines: [
                    values['copy-type'] ?? 'Sao y',
                    values.org ?? signer.certificate.commonName,
                    isoVietnam(when),
                  ],
                  font,
                  fontSize: 10,
                }
              : undefined,
          }).catch((err: unknown) => {
            if (err instanceof PdfPrepareError)
              throw new StationError('sign_pdf_unreadable', { name: input }, err.message);
            throw asStation(err, {});
          });
          if (r.tsaError) {
            console.error(`TSA: ${r.tsaError} — signed B-B (no timestamp)`);
            tsa = undefined;
          }
          if (values['out-dir']) fs.mkdirSync(values['out-dir'], { recursive: true });
          writeAtomic(target, r.pdf);
          console.log(
            `${target}: ${r.level}, ${signer.certificate.commonName}, ${isoVietnam(r.signingTime)}`,
          );
        }
        await signer.close();
      } finally {
        await client.terminate();
      }
    },
  },
  verify: {
    usage:
      'verify [--json] [--trust CA.pem]… FILE.pdf                every signature of a PDF, in plain words',
    async run(argv, ctx) {
      const { values, positionals } = parse(argv, {
        json: { type: 'boolean' },
        trust: { type: 'string', multiple: true },
      });
      const file = need(positionals[0], 'FILE.pdf');
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(file);
      } catch {
        throw new StationError('sign_pdf_unreadable', { name: file });
      }
      const trust = (values.trust ?? []).map((f) => fs.readFileSync(f, 'utf8'));
      const report = await verifyPdfOnline(bytes, trust, new RevocationChecker());
      if (values.json) printJson(report);
      else console.log(reportText(report, ctx.lang));
      return report.verdict === 'valid' ? 0 : report.verdict === 'unsigned' ? 3 : 1;
    },
  },
};
