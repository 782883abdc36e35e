import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { AppError } from '../../../shared/api/contract';
import { StationError } from '../../../shared/api/errors';
import type { BatchReport } from '../../../shared/api/rooms/batch';
import type { Catalog } from '../catalog';
import type { Documents } from '../documents';
import type { DossierService } from '../dossier/service';
import { transaction, type Db } from '../store';

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
});
export type BatchDossier = z.infer<typeof BatchDossier>;

interface Checked {
  folder: string;
  dir: string;
  spec: BatchDossier;
  key: string;
}

const MAX_FILE = 200 * 1024 * 1024;

/**
 * Imports a folder of dossiers: everything is validated first; then each
 * dossier is built, assembled and received (which queues it) on its own. A
 * broken dossier is reported with its reason and never received half-built;
 * a dossier whose content was already imported is skipped.
 */
export class BatchImport {
  constructor(
    private readonly db: Db,
    private readonly catalog: Catalog,
    private readonly dossiers: DossierService,
    private readonly documents: Pick<Documents, 'assemble'>,
    /** Receives a draft (tiếp nhận) — in one transaction with every reception step. */
    private readonly receive: (dossierId: string) => void,
    /** Lets the outbox record the import inside the reception transaction. */
    private readonly pendingKeys: Map<string, string>,
    /** Seals the applicant's details at rest. */
    private readonly seal: (plain: string) => string,
  ) {}

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
        const id = await this.importOne(c, done?.dossier_id);
        const row = this.db.prepare('SELECT * FROM dossiers WHERE id = ?').get(id) as Record<string, unknown>;
        report.imported.push({
          folder: c.folder,
          dossierId: id,
          code: typeof row.code === 'string' ? row.code : null,
        });
      } catch (err) {
        report.refused.push({ folder: c.folder, error: asError(err, c.folder) });
      }
    }
    return report;
  }

  private check(root: string, folder: string): Checked {
    const dir = path.join(root, folder);
    const raw = fs.readFileSync(path.join(dir, 'dossier.json'));
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch (err) {
      throw invalid(folder, `dossier.json is not JSON (${(err as Error).message})`);
    }
    const parsed = BatchDossier.safeParse(json);
    if (!parsed.success)
      throw invalid(folder, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const spec = parsed.data;
    const procedure = this.catalog.list().find((p) => p.code === spec.procedureCode);
    if (!procedure) throw invalid(folder, `unknown procedure ${spec.procedureCode}`);
    const hash = crypto.createHash('sha256').update(raw);
    for (const comp of spec.components) {
      if (!procedure.components.some((pc) => pc.code === comp.code))
        throw invalid(folder, `procedure ${procedure.code} has no component ${comp.code}`);
      for (const f of comp.files) {
        const file = path.resolve(dir, f);
        if (!file.startsWith(dir + path.sep)) throw invalid(folder, `${f} is outside the dossier's folder`);
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
    return { folder, dir, spec, key: hash.digest('hex') };
  }

  private async importOne(c: Checked, draftId: string | undefined): Promise<string> {
    // A previous attempt that stopped half-way left a draft (never received, never queued): reuse it.
    let id = draftId;
    const existing = id
      ? (this.db.prepare('SELECT status FROM dossiers WHERE id = ?').get(id) as
          { status: string } | undefined)
      : undefined;
    if (!id || existing?.status !== 'draft') {
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
    this.setApplicant(id, c.spec);
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
      this.receive(id);
    } finally {
      this.pendingKeys.delete(id);
    }
    return id;
  }

  /** The applicant as reception keeps it (when reception stores a structured applicant). */
  private setApplicant(id: string, spec: BatchDossier): void {
    const cols = this.db.prepare('PRAGMA table_info(dossiers)').all() as { name: string }[];
    if (!cols.some((c) => c.name === 'applicant')) return;
    transaction(this.db, () => {
      this.db
        .prepare('UPDATE dossiers SET applicant = ?, applicant_name = ? WHERE id = ?')
        .run(this.seal(JSON.stringify(spec.applicant)), spec.applicant.name, id);
    });
  }
}

/** Records, inside the reception transaction, that an import finished (see BatchImport.pendingKeys). */
export function recordImportInTx(db: Db, pendingKeys: Map<string, string>, dossierId: string): void {
  const key = pendingKeys.get(dossierId);
  if (!key) return;
  db.prepare("UPDATE batch_imports SET state = 'received', done_at = ? WHERE key = ?").run(
    new Date().toISOString(),
    key,
  );
}

const invalid = (folder: string, reason: string) => new StationError('batch_invalid', { folder, reason });

function asError(err: unknown, folder: string): AppError {
  if (err instanceof StationError) return err.toValue();
  return {
    code: 'batch_invalid',
    params: { folder, reason: err instanceof Error ? err.message : String(err) },
  };
}
