import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { StationError } from '../../../shared/api/errors';
import type {
  BatchResult,
  SignChoice,
  SignItemResult,
  TokensResult,
  VerifyReport,
} from '../../../shared/api/rooms/sign';
import type { StationSettings } from '../../../shared/api/rooms/settings';
import { SignConfig } from '../../../shared/api/rooms/sign';
import type { AppError } from '../../../shared/api/types';
import type { EngineContext } from '../context';
import { toAppError } from '../api/errors';
import type { Documents, StoredPdf } from '../documents';
import type { DossierService } from '../dossier/service';
import type { Settings } from '../settings';
import { transaction } from '../store';
import { type CertInfo, parseCert, signingProblem } from './certs';
import { findModules, isTrainingModule } from './modules';
import { PdfPrepareError } from './pdf';
import { LevelError, shortfallError, signAtLevel } from './levels';
import { timestampPdf } from './signer';
import { TokenClient, TokenError, type TokenSigner } from './token';
import { type TsaConfig, TsaError } from './tsa';
import { RevocationChecker } from './revocation';
import { verifyPdfOnline } from './verify-online';

const require = createRequire(import.meta.url);

/** Tinos: metric-compatible with Times New Roman, with Vietnamese glyphs (Decree 30/2020 asks for Times 10 pt). */
let stampFontBytes: Buffer | null = null;
export function stampFont(): Buffer {
  // Read once: the subsetter keeps its parse of these bytes for the next stamps.
  return (stampFontBytes ??= fs.readFileSync(
    require.resolve('@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf'),
  ));
}

/** ISO 8601 with the +07:00 offset of Vietnam, as the stamp prints it. */
export function isoVietnam(d: Date): string {
  const t = new Date(d.getTime() + 7 * 3600_000);
  return `${t.toISOString().slice(0, 19)}+07:00`;
}

import { tokenView } from './views';

export { certView, tokenView } from './views';

/** A token failure as the clerk's error, with the PIN warnings the token gave. */
export function tokenErrorToStation(
  err: TokenError,
  ctx: { path?: string; token?: string } = {},
): StationError {
  switch (err.failure) {
    case 'module_load_failed':
      return new StationError('sign_module_load_failed', { path: ctx.path ?? '' }, err.detail);
    case 'token_not_found':
      return new StationError('sign_token_not_found', { token: ctx.token ?? '' }, err.detail);
    case 'key_not_found':
      return new StationError('sign_key_not_found', {}, err.detail);
    case 'pin_locked':
      return new StationError('sign_pin_locked', {}, err.detail);
    case 'pin_incorrect':
      if (err.pin?.locked) return new StationError('sign_pin_locked', {}, err.detail);
      if (err.pin?.finalTry) return new StationError('sign_pin_final_try', {}, err.detail);
      if (err.pin?.countLow) return new StationError('sign_pin_count_low', {}, err.detail);
      return new StationError('sign_pin_incorrect', {}, err.detail);
    case 'pin_invalid':
      return new StationError('sign_pin_invalid', {}, err.detail);
    default:
      return new StationError('sign_device_error', {}, err.detail);
  }
}

/** Refuses a certificate that may not sign now, with a message naming it. */
export function assertCanSign(cert: CertInfo, at = new Date()): void {
  const problem = signingProblem(cert, at);
  const day = (d: Date) => isoVietnam(d).slice(0, 10).split('-').reverse().join('/');
  if (problem === 'expired')
    throw new StationError('sign_cert_expired', { name: cert.commonName, date: day(cert.notAfter) });
  if (problem === 'not_yet_valid')
    throw new StationError('sign_cert_not_yet_valid', { name: cert.commonName, date: day(cert.notBefore) });
  if (problem === 'no_digital_signature')
    throw new StationError('sign_cert_no_usage', { name: cert.commonName });
}

/** What one batch carries from file to file: the open key, the sources still worth asking. */
interface BatchRun {
  signer: TokenSigner;
  tsa: TsaConfig | undefined;
  level: StationSettings['signLevel'];
  autoUpTo: 'B-T' | 'B-LT';
  font: Buffer | null;
  /** Set when the rest of the batch cannot be signed either. */
  stop: AppError | null;
}

/** Where each clerk's certificate choice is kept (the accounts room, wired by the engine). */
export interface PersonalChoices {
  get(username: string): SignChoice | null;
  set(username: string, choice: SignChoice): void;
}

export class SignService {
  readonly tokens = new TokenClient();
  /** One revocation cache per engine (OCSP/CRL answers kept until their nextUpdate). */
  private revocation: { timeoutMs: number; checker: RevocationChecker } | null = null;

  constructor(
    private readonly ctx: EngineContext,
    private readonly settings: Settings,
    private readonly dossiers: DossierService,
    /** Owns the component PDFs and their signed copies: the sign room hands it each signature. */
    private readonly documents: Documents,
    /** Each clerk's own certificate choice (kept with their account); none on a station without accounts. */
    private readonly personal: PersonalChoices | null = null,
  ) {}

  /** The configuration as one clerk sees it: their own certificate choice where they made one. */
  configFor(username: string | null): SignConfig {
    const c = this.config();
    const own = username ? this.personal?.get(username) : null;
    return own ? { ...c, choice: own, modulePath: own.modulePath } : c;
  }

  private get db() {
    return this.ctx.store.db;
  }

  config(): SignConfig {
    const rows = this.db.prepare('SELECT key, value FROM sign_config').all() as {
      key: string;
      value: string;
    }[];
    const stored: Record<string, unknown> = {};
    for (const r of rows) stored[r.key] = JSON.parse(r.value);
    const parsed = SignConfig.safeParse(stored);
    return parsed.success ? parsed.data : SignConfig.parse({});
  }

  updateConfig(patch: Partial<SignConfig>): SignConfig {
    const now = new Date().toISOString();
    const upsert = this.db.prepare(
      'INSERT INTO sign_config (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
    transaction(this.db, () => {
      for (const [k, v] of Object.entries(patch)) if (v !== undefined) upsert.run(k, JSON.stringify(v), now);
    });
    return this.config();
  }

  /** The module to use: the given one, the configured one, or the first found on this machine. */
  private modulePath(given?: string): string | null {
    return (
      given ?? this.config().modulePath ?? this.config().choice?.modulePath ?? findModules()[0]?.path ?? null
    );
  }

  async listTokens(given?: string): Promise<TokensResult> {
    const candidates = findModules();
    const configured = given ?? this.config().modulePath ?? this.config().choice?.modulePath;
    // Nothing configured: the first module on this machine that shows a token (e.g. SoftHSM in training).
    const paths = configured ? [configured] : candidates.map((c) => c.path);
    if (paths.length === 0) {
      return {
        modulePath: null,
        candidates,
        tokens: [],
        training: false,
        error: new StationError('sign_module_missing').toValue(),
      };
    }
    let first: TokensResult | null = null;
    for (const modulePath of paths) {
      const base = { modulePath, candidates, tokens: [], training: isTrainingModule(modulePath) };
      let result: TokensResult;
      try {
        const slots = await this.tokens.list(modulePath);
        result = { ...base, tokens: slots.map(tokenView), error: null };
      } catch (err) {
        const e = err instanceof TokenError ? tokenErrorToStation(err, { path: modulePath }) : err;
        result = { ...base, error: toAppError(e) };
      }
      if (result.tokens.length > 0) return result;
      first ??= result;
    }
    return first ?? { modulePath: null, candidates, tokens: [], training: false, error: null };
  }

  /** Remembers the certificate for this clerk (and as the station's default for who has none yet). */
  choose(choice: SignChoice, username: string | null = null): SignConfig {
    if (username && this.personal) this.personal.set(username, choice);
    this.updateConfig({ choice, modulePath: choice.modulePath });
    return this.configFor(username);
  }

  private tsa(): TsaConfig | undefined {
    const c = this.config();
    if (!c.tsaEnabled || !c.tsaUrl) return undefined;
    return {
      url: c.tsaUrl,
      username: c.tsaUsername || undefined,
      password: c.tsaPassword || undefined,
      timeoutMs: c.tsaTimeoutMs,
    };
  }

  /** Opens the chosen certificate's key with the PIN, refusing certificates that may not sign. */
  async open(pin: string, username: string | null = null): Promise<TokenSigner> {
    const { choice } = this.configFor(username);
    if (!choice) throw new StationError('sign_no_choice');
    let signer: TokenSigner;
    try {
      signer = await this.tokens.open({
        modulePath: choice.modulePath,
        tokenSerial: choice.tokenSerial || undefined,
        keyId: choice.keyId || undefined,
        pin,
        extraCerts: this.trustCerts(),
      });
    } catch (err) {
      if (err instanceof TokenError)
        throw tokenErrorToStation(err, { path: choice.modulePath, token: choice.tokenLabel });
      throw err;
    }
    try {
      assertCanSign(signer.certificate);
    } catch (err) {
      await signer.close();
      throw err;
    }
    return signer;
  }

  private trustCerts(): CertInfo[] {
    return this.trustAnchors().flatMap((pem) => {
      try {
        return [parseCert(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'))];
      } catch {
        return [];
      }
    });
  }

  /**
   * Signs every assembled component of the dossiers with one PIN entry. Each
   * file is committed on its own, so a failure in the middle leaves the
   * unsigned ones as they were and the signed ones signed.
   */
  async batch(p: {
    dossierIds: string[];
    components?: { dossierId: string; componentCode: string }[];
    pin: string;
    resign?: boolean;
    /** Assemble what is not assembled (or outdated) first. */
    assemble?: boolean;
    /** The signed-in clerk: their own certificate is used. */
    username?: string | null;
  }): Promise<BatchResult> {
    const batchId = randomUUID();
    const wanted = p.components
      ? new Set(p.components.map((c) => `${c.dossierId}\u0000${c.componentCode}`))
      : null;
    const assembleFailed = p.assemble ? await this.assembleMissing(batchId, p.dossierIds, wanted) : [];
    const rows: StoredPdf[] = [];
    let skipped = 0;
    for (const dossierId of p.dossierIds) {
      const dossier = this.dossiers.get(dossierId);
      const own = this.documents.storedAll(dossierId);
      for (const c of dossier.components) {
        if (wanted && !wanted.has(`${dossierId}\u0000${c.code}`)) continue;
        const row = own.find((r) => r.componentCode === c.code);
        if (!row || (row.signedBlob && !p.resign)) {
          if (c.pages.length || row) skipped++;
          continue;
        }
        rows.push(row);
      }
    }
    const result: BatchResult = {
      batchId,
      signed: 0,
      failed: assembleFailed.length,
      skipped,
      items: [...assembleFailed],
      tsaError: null,
      signer: null,
    };
    if (rows.length === 0) return result;

    const signer = await this.open(p.pin, p.username ?? null);
    result.signer = signer.certificate.commonName;
    const run: BatchRun = {
      signer,
      tsa: this.tsa(),
      level: this.settings.get().signLevel,
      autoUpTo: 'B-LT',
      font: this.config().stampEnabled ? stampFont() : null,
      stop: null,
    };
    try {
      for (const [i, row] of rows.entries()) {
        const item = await this.signOne(row, run, result);
        result.items.push(item);
        if (item.ok) result.signed++;
        else result.failed++;
        this.ctx.emit('sign.progress', {
          batchId,
          done: i + 1,
          total: rows.length,
          dossierId: row.dossierId,
          componentCode: row.componentCode,
          ok: item.ok,
          phase: 'sign',
        });
      }
    } finally {
      await signer.close();
    }
    return result;
  }

  /**
   * Assembles every wanted component with pages whose PDF is missing or older than its pages,
   * telling the progress; a component that cannot be assembled is a failed item of the batch.
   */
  private async assembleMissing(
    batchId: string,
    dossierIds: string[],
    wanted: Set<string> | null,
  ): Promise<SignItemResult[]> {
    const todo = dossierIds.flatMap((dossierId) =>
      this.dossiers
        .get(dossierId)
        .components.filter((c) => c.pages.length > 0 && !c.pdf?.current)
        .filter((c) => !wanted || wanted.has(`${dossierId}\u0000${c.code}`))
        .map((c) => ({ dossierId, componentCode: c.code })),
    );
    const failed: SignItemResult[] = [];
    for (const [i, t] of todo.entries()) {
      let ok = true;
      try {
        await this.documents.assemble(t.dossierId, t.componentCode);
      } catch (err) {
        ok = false;
        const error =
          err instanceof StationError
            ? err.toValue()
            : new StationError('pdf_not_built', { code: t.componentCode }, String(err)).toValue();
        failed.push({ ...t, ok: false, level: null, error, levelReason: null });
      }
      this.ctx.emit('sign.progress', {
        batchId,
        done: i + 1,
        total: todo.length,
        ...t,
        ok,
        phase: 'assemble',
      });
    }
    return failed;
  }

  /** Signs one component PDF to the batch's level; a failure is the item's error, never the batch's. */
  private async signOne(row: StoredPdf, run: BatchRun, result: BatchResult): Promise<SignItemResult> {
    const item = { dossierId: row.dossierId, componentCode: row.componentCode, levelReason: null };
    if (run.stop) return { ...item, ok: false, level: null, error: run.stop };
    const config = this.config();
    const tsaUrl = config.tsaUrl;
    try {
      const source = this.ctx.store.blobs.get(row.blob);
      const signingTime = new Date();
      const organisation = config.organisationName || this.settings.get().unitName;
      const signed = await signAtLevel(source, run.signer, {
        level: run.level,
        autoUpTo: run.autoUpTo,
        checker: this.checker(),
        trust: this.trustCerts(),
        signingTime,
        tsa: run.tsa,
        reason: config.copyType,
        location: this.settings.get().place,
        stamp: run.font
          ? { lines: [config.copyType, organisation, isoVietnam(signingTime)], font: run.font, fontSize: 10 }
          : undefined,
      });
      let levelReason: AppError | null = null;
      if (signed.shortfall) {
        const e = shortfallError('B-LT', signed.shortfall, tsaUrl);
        levelReason = new StationError(e.code, e.params, e.detail).toValue();
        // One unreachable source is enough: the rest of the batch does not wait for it again.
        if (signed.shortfall.kind === 'tsa_unreachable') {
          result.tsaError = signed.tsaError ?? signed.shortfall.detail;
          run.tsa = undefined;
        } else run.autoUpTo = 'B-T';
      }
      this.documents.recordSignature(row.dossierId, row.componentCode, row.blob, {
        pdf: signed.pdf,
        signer: run.signer.certificate.commonName,
        signedAt: signingTime.toISOString(),
        level: signed.level,
      });
      this.ctx.emit('dossier.changed', { dossierId: row.dossierId });
      return { ...item, ok: true, level: signed.level, error: null, levelReason };
    } catch (err) {
      const error = this.itemError(err, row, tsaUrl);
      // A token that stops answering, or a level that needs a TSA that is not there, fails the rest too.
      if (err instanceof TokenError) run.stop = error;
      if (err instanceof LevelError && err.shortfall.kind !== 'revocation_unreachable') run.stop = error;
      return { ...item, ok: false, level: null, error };
    }
  }

  private itemError(err: unknown, row: StoredPdf, tsaUrl: string): AppError {
    let e = err;
    if (err instanceof TokenError) e = tokenErrorToStation(err);
    else if (err instanceof PdfPrepareError)
      e = new StationError('sign_pdf_unreadable', { name: row.componentCode }, err.message);
    else if (err instanceof LevelError) {
      const s = shortfallError(err.wanted, err.shortfall, tsaUrl);
      e = new StationError(s.code, s.params, s.detail);
    }
    const error = toAppError(e);
    if (error.code === 'internal') this.ctx.log(`sign ${row.dossierId}/${row.componentCode}: ${String(err)}`);
    return error;
  }

  /** Document timestamps on the components that were signed B-B while no TSA answered. */
  async addTimestamp(
    dossierIds: string[],
  ): Promise<{ stamped: number; failed: number; error: AppError | null }> {
    const tsa = this.tsa() ?? { url: this.config().tsaUrl, timeoutMs: this.config().tsaTimeoutMs };
    let stamped = 0;
    let failed = 0;
    for (const dossierId of dossierIds) {
      this.dossiers.get(dossierId);
      for (const row of this.documents.storedAll(dossierId)) {
        const signed = row.signedBlob;
        if (row.signLevel !== 'B-B' || !signed) continue;
        try {
          const { pdf } = await timestampPdf(this.ctx.store.blobs.get(signed), tsa);
          this.documents.replaceSigned(dossierId, row.componentCode, signed, pdf, 'B-T');
          stamped++;
          this.ctx.emit('dossier.changed', { dossierId });
        } catch (err) {
          if (err instanceof TsaError) {
            return {
              stamped,
              failed: failed + 1,
              error: new StationError('sign_tsa_unreachable', { url: tsa.url }, err.message).toValue(),
            };
          }
          failed++;
          this.ctx.log(`timestamp ${dossierId}/${row.componentCode}: ${String(err)}`);
        }
      }
    }
    return { stamped, failed, error: null };
  }

  /**
   * The trust anchors: the deployment's configured PEMs, and the training
   * token's CA only while in training mode (no portal configured) — nothing bundled.
   */
  trustAnchors(): string[] {
    const c = this.config();
    const training = !this.settings.get().portalUrl;
    return training ? [...c.trustPems, ...c.trainingTrustPems] : c.trustPems;
  }

  private checker(): RevocationChecker {
    const timeoutMs = this.config().revocationTimeoutMs;
    if (this.revocation?.timeoutMs !== timeoutMs)
      this.revocation = { timeoutMs, checker: new RevocationChecker({ timeoutMs }) };
    return this.revocation.checker;
  }

  verify(bytes: Buffer): Promise<VerifyReport> {
    return verifyPdfOnline(bytes, this.trustAnchors(), this.checker());
  }

  verifyComponent(dossierId: string, componentCode: string): Promise<VerifyReport> {
    const row = this.documents.stored(dossierId, componentCode);
    return this.verify(this.ctx.store.blobs.get(row.signedBlob ?? row.blob));
  }

  verifyBytes(bytes: Buffer, name: string): Promise<VerifyReport> {
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-')
      throw new StationError('sign_pdf_unreadable', { name });
    return this.verify(bytes);
  }

  signedPdf(dossierId: string, componentCode: string): { fileName: string; bytes: Buffer } {
    const row = this.documents.stored(dossierId, componentCode);
    if (!row.signedBlob) throw new StationError('sign_not_signed', { code: componentCode });
    const { fileName } = this.documents.pdf(dossierId, componentCode);
    return {
      fileName: fileName.replace(/\.pdf$/i, '_ky-so.pdf'),
      bytes: this.ctx.store.blobs.get(row.signedBlob),
    };
  }

  async close(): Promise<void> {
    await this.tokens.terminate();
  }
}
