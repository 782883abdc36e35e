import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type Applicant, type AppError, type Dossier, UnsignedReason } from '../../../shared/api/contract';
import { StationError } from '../../../shared/api/errors';
import { nfcDeep } from '../../../shared/api/nfc';
import type { BatchReport } from '../../../shared/api/rooms/batch';
import { UNSIGNED_REASON_MIN } from '../../../shared/domain/sign-gaps';
import type { Catalog } from '../catalog';
import type { EngineContext } from '../context';
import type { Documents } from '../documents';
import type { DossierService } from '../dossier/service';
import type { Reception } from '../reception/service';

/**
 * `DIR/<any name>/dossier.json` — a dossier prepared elsewhere (e.g. a post
 * office scanning all day): procedure code, applicant, and per component its
 * files (images or PDFs) in order, relative to the dossier's folder.
 */
export const BatchDossier = z.object({
  procedureCode: z.string().min(1),
  applicant: z.object({
    kind: z.enum(['person', 'organisation']).default('person'),
    name: z.string().trim().min(1).max(200),
    idNumber: z
      .string()
      .regex(/^\d{12}$/)
      .optional(),
  }),
  components: z
    .array(z.object({ code: z.string().min(1), files: z.array(z.string().min(1)).min(1).max(500) }))
    .min(1),
  /**
   * Ủy quyền nộp trực tuyến: `true` when the citizen confirmed it where the dossier was
   * prepared, or `{ "component": CODE }` naming the component that holds the scanned signed
   * authorisation. Left out: the dossier is received for paper processing and not sent online.
   */
  consent: z.union([z.literal(true), z.object({ component: z.string().min(1) })]).optional(),
  /**
   * Why the dossier is received with its components not signed (an import assembles the PDFs
   * but does not sign them): the counter's rule, at least UNSIGNED_REASON_MIN characters;
   * recorded on the dossier and printed on its receipt. Left out: the folder is refused.
   */
  unsignedReason: UnsignedReason.optional(),
});
export type BatchDossier = z.infer<typeof BatchDossier>;

interface Checked {
  folder: string;
  dir: string;
  spec: BatchDossier;
  key: string;
}

const MAX_FILE = 200 * 1024 * 1024;
/** A dossier.json is a few hundred bytes; a bigger one is not read. */
const MAX_SPEC_BYTES = 1024 * 1024;

/** Reads a dossier.json: JSON of the BatchDossier shape, or `batch_invalid` saying what is wrong. */
export function parseBatchDossier(folder: string, raw: Buffer): BatchDossier {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8').replace(/^\ufeff/, ''));
  } catch (err) {
    throw invalid(folder, `dossier.json is not JSON (${(err as Error).message})`);
  }
  const parsed = BatchDossier.safeParse(nfcDeep(json));
  if (!parsed.success)
    throw invalid(
      folder,
      parsed.error.issues
        .slice(0, 10)
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')
        .slice(0, 2000),
    );
  return parsed.data;
}

/** The file `f` names, when it is inside the dossier's folder `dir` (absolute); null otherwise. */
export function insideFolder(dir: string, f: string): string | null {
  if (f.includes('\0')) return null;
  const file = path.resolve(dir, f);
  return file.startsWith(dir + path.sep) ? file : null;
}

/**
 * Imports a folder of dossiers: everything is validated first; then each
 * dossier is built, assembled and received (which queues it) on its own. A
 * broken dossier is reported with its reason and never received half-built;
 * a dossier whose content was already imported is skipped.
 */
export class BatchImport {
  /** The import each dossier being received belongs to, recorded inside the reception transaction. */
  private readonly pendingKeys = new Map<string, string>();

  constructor(
    private readonly ctx: EngineContext,
    private readonly catalog: Catalog,
    private readonly dossiers: DossierService,
    /** Sets the applicant and receives the draft (tiếp nhận) — which queues it for the portal. */
    private readonly reception: Reception,
    private readonly documents: Pick<Documents, 'assemble'>,
  ) {
    ctx.onReceiveInTx.push((dossierId) => this.recordInTx(dossierId));
  }

  private get db() {
    return this.ctx.store.db;
  }

  async run(dir: string): Promise<BatchReport> {
    const root = path.resolve(dir);
    if (!fs.existsSync(root) || !fs.statSync(root).isDirectory())
      throw new StationError('batch_folder_missing', { dir: root });
    const report: BatchReport = { imported: [], skipped: [], refused: [] };
    const ok: Checked[] = [];
    const names = fs
      .readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory() && fs.existsSync(path.join(root, e.name, 'dossier.json')))
      .map((e) => e.name)
      .sort();
    // 1. Validate the whole folder before touching anything.
    for (const folder of names) {
      try {
        ok.push(this.check(root, folder));
      } catch (err) {
        report.refused.push({ folder, error: asError(err, folder) });
      }
    }
    // 2. Each dossier on its own: built, assembled, received — or reported.
    for (const c of ok) {
      const done = this.db.prepare('SELECT dossier_id, state FROM batch_imports WHERE key = ?').get(c.key) as
        { dossier_id: string; state: string } | undefined;
      if (done?.state === 'received') {
        report.skipped.push({ folder: c.folder, reason: `already imported as ${done.dossier_id}` });
        continue;
      }
      try {
        const received = await this.importOne(c, done?.dossier_id);
        report.imported.push({ folder: c.folder, dossierId: received.id, code: received.code ?? null });
      } catch (err) {
        report.refused.push({ folder: c.folder, error: asError(err, c.folder) });
      }
    }
    return report;
  }

  private check(root: string, folder: string): Checked {
    const dir = path.join(root, folder);
    const file = path.join(dir, 'dossier.json');
    if (fs.statSync(file).size > MAX_SPEC_BYTES) throw invalid(folder, `dossier.json is larger than 1 MB`);
    const raw = fs.readFileSync(file);
    const spec = parseBatchDossier(folder, raw);
    const procedure = this.catalog.list().find((p) => p.code === spec.procedureCode);
    if (!procedure) throw invalid(folder, `unknown procedure ${spec.procedureCode}`);
    const hash = crypto.createHash('sha256').update(raw);
    for (const comp of spec.components) {
      if (!procedure.components.some((pc) => pc.code === comp.code))
        throw invalid(folder, `procedure ${procedure.code} has no component ${comp.code}`);
      for (const f of comp.files) {
        const file = insideFolder(dir, f);
        if (!file) throw invalid(folder, `${f} is outside the dossier's folder`);
        if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw invalid(folder, `missing file ${f}`);
        const size = fs.statSync(file).size;
        if (size === 0) throw invalid(folder, `empty file ${f}`);
        if (size > MAX_FILE) throw invalid(folder, `file ${f} is larger than 200 MB`);
        hash.update(fs.readFileSync(file));
      }
    }
    const missing = procedure.components.filter(
      (pc) => pc.required && !spec.components.some((c) => c.code === pc.code),
    );
    if (missing.length)
      throw invalid(folder, `required components without files: ${missing.map((m) => m.code).join(', ')}`);
    // Reception's pre-receive check, before anything is built: an import does not sign, so every
    // component it brings is unsigned and the folder must say why (reception checks it again).
    const reason = spec.unsignedReason ?? '';
    if (!reason)
      throw new StationError('batch_unsigned_reason_missing', {
        folder,
        components: spec.components
          .map((c) => `${c.code} (${procedure.components.find((pc) => pc.code === c.code)?.name ?? c.code})`)
          .join(', '),
        min: UNSIGNED_REASON_MIN,
      });
    if ([...reason].length < UNSIGNED_REASON_MIN)
      throw new StationError('batch_unsigned_reason_short', {
        folder,
        length: [...reason].length,
        min: UNSIGNED_REASON_MIN,
      });
    return { folder, dir, spec, key: hash.digest('hex') };
  }

  private async importOne(c: Checked, draftId: string | undefined): Promise<Dossier> {
    // A previous attempt that stopped half-way left a draft (never received, never queued): reuse it.
    let id = draftId;
    if (!id || this.statusOf(id) !== 'draft') {
      id = this.dossiers.create(c.spec.procedureCode, c.spec.applicant.name).id;
      const now = new Date().toISOString();
      this.db
        .prepare(
          `INSERT INTO batch_imports (key, folder, dossier_id, state, started_at) VALUES (?, ?, ?, 'started', ?)
           ON CONFLICT (key) DO UPDATE SET dossier_id = excluded.dossier_id, started_at = excluded.started_at`,
        )
        .run(c.key, c.folder, id, now);
    } else {
      for (const comp of this.dossiers.get(id).components)
        for (const p of comp.pages) this.dossiers.delete(p.id);
    }
    this.reception.setApplicant(id, applicantOf(c.spec));
    for (const comp of c.spec.components) {
      const files = comp.files.map((f) => ({
        name: path.basename(f),
        dataBase64: fs.readFileSync(path.resolve(c.dir, f)).toString('base64'),
      }));
      const added = await this.dossiers.addPages(id, comp.code, files);
      if (added.rejected.length) {
        for (const p of added.added) this.dossiers.delete(p.id);
        const r = added.rejected[0]!;
        throw new StationError(r.error.code, r.error.params ?? {}, r.error.detail);
      }
      await this.documents.assemble(id, comp.code);
    }
    this.pendingKeys.set(id, c.key);
    try {
      const consent = c.spec.consent;
      return this.reception.receive(id, {
        consent:
          consent === true
            ? { how: 'checkbox' }
            : consent
              ? { how: 'document', componentCode: consent.component }
              : null,
        checkSigned: true,
        unsignedReason: c.spec.unsignedReason,
      });
    } finally {
      this.pendingKeys.delete(id);
    }
  }

  private statusOf(id: string): Dossier['status'] | null {
    try {
      return this.dossiers.get(id).status;
    } catch (err) {
      if (err instanceof StationError && err.code === 'dossier_not_found') return null;
      throw err;
    }
  }

  /** Records, inside the reception transaction, that an import finished (see pendingKeys). */
  private recordInTx(dossierId: string): void {
    const key = this.pendingKeys.get(dossierId);
    if (!key) return;
    this.db
      .prepare("UPDATE batch_imports SET state = 'received', done_at = ? WHERE key = ?")
      .run(new Date().toISOString(), key);
  }
}

/** The applicant as reception keeps it. */
function applicantOf(spec: BatchDossier): Applicant {
  const { kind, name, idNumber } = spec.applicant;
  return kind === 'organisation' ? { kind, name } : { kind, name, idNumber };
}

const invalid = (folder: string, reason: string) => new StationError('batch_invalid', { folder, reason });

function asError(err: unknown, folder: string): AppError {
  if (err instanceof StationError) return err.toValue();
  return {
    code: 'batch_invalid',
    params: { folder, reason: err instanceof Error ? err.message : String(err) },
  };
}
