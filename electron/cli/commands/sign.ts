import fs from 'node:fs';
import { StationError } from '../../../shared/api/errors';
import type { VerifyReport } from '../../../shared/api/rooms/sign';
import type { Lang } from '../../../shared/i18n/errors';
import { ui } from '../../../shared/i18n/ui';
import { isoVietnam, tokenView } from '../../engine/sign/service';
import { RevocationChecker, TokenClient, verifyPdf, verifyPdfOnline } from '../../engine/sign';
import { type Command, need, parse, printJson } from './kit';
import { asStation, signFiles } from './sign-files';

/** i18next-style `{{name}}` placeholders, as the UI strings use them. */
const interpolate = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) =>
    Object.hasOwn(params, key) ? String(params[key]) : whole,
  );

/** The revocation verdict in four words: good, revoked (before or after signing), unknown, not checked. */
export function revocationWord(
  status: NonNullable<VerifyReport['signatures'][number]['revocation']>['status'],
): 'good' | 'revoked' | 'unknown' | 'not_checked' {
  if (status === 'revoked_before' || status === 'revoked_after') return 'revoked';
  if (status === 'no_source') return 'not_checked';
  return status;
}

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
    lines.push(`  ${t.levelLabel[s.level]}`, `  ${s.trusted ? t.trustedYes : t.trustedNo}`);
    if (s.revocation)
      lines.push(
        `  ${interpolate(t.revocation, { status: t.revocationStatus[revocationWord(s.revocation.status)] })}`,
      );
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
      'sign --module LIB [--token LABEL] [--key-id HEX] --pin-env VAR [--tsa URL] [--level auto|B-B|B-T|B-LT|B-LTA] [--chain CA.pem]… [--visible] [--org NAME] (--out OUT.pdf IN.pdf | --out-dir DIR IN.pdf…)',
    run: (argv, ctx) => signFiles(argv, ctx),
  },
  verify: {
    usage:
      'verify [--json] [--offline] [--trust CA.pem]… FILE.pdf…     every signature of PDFs, in plain words',
    async run(argv, ctx) {
      const { values, positionals } = parse(argv, {
        json: { type: 'boolean' },
        offline: { type: 'boolean' },
        trust: { type: 'string', multiple: true },
      });
      need(positionals[0], 'FILE.pdf');
      const trust = (values.trust ?? []).map((f) => fs.readFileSync(f, 'utf8'));
      const checker = new RevocationChecker();
      const results: { file: string; report: VerifyReport }[] = [];
      for (const file of positionals) {
        let bytes: Buffer;
        try {
          bytes = fs.readFileSync(file);
        } catch {
          throw new StationError('sign_pdf_unreadable', { name: file });
        }
        // Offline: no network at all; revocation only from the file's own DSS.
        const report = values.offline
          ? verifyPdf(bytes, trust)
          : await verifyPdfOnline(bytes, trust, checker);
        results.push({ file, report });
      }
      // JSON: the report as the contract says it, each signature with its revocation in four words too.
      const withWords = results.map((r) => ({
        file: r.file,
        report: {
          ...r.report,
          signatures: r.report.signatures.map((sig) => ({
            ...sig,
            revocationSummary: sig.revocation ? revocationWord(sig.revocation.status) : 'not_checked',
          })),
        },
      }));
      if (values.json) printJson(withWords.length === 1 ? withWords[0]?.report : withWords);
      else
        console.log(
          results
            .map((r) =>
              results.length > 1
                ? `== ${r.file}\n${reportText(r.report, ctx.lang)}`
                : reportText(r.report, ctx.lang),
            )
            .join('\n\n'),
        );
      const verdicts = results.map((r) => r.report.verdict);
      if (verdicts.every((v) => v === 'valid')) return 0;
      return verdicts.every((v) => v === 'unsigned' || v === 'valid') ? 3 : 1;
    },
  },
};
