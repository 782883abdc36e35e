import type {
  HoldReason,
  PlanEntry,
  PurgedDossier,
  PurgeKind,
  PurgePlan,
  PurgeReport,
} from '../../../shared/api/rooms/privacy';
import { PURGED_NAME } from '../../../shared/api/rooms/privacy';
import type { AuditLog } from '../audit';
import { pdfBlobs, pdfsReferTo, purgePdfs } from '../documents';
import { dossierRows, pageBlobs, pagesReferTo, purgeApplicantName, purgePages } from '../dossier/purge';
import type { DossierService } from '../dossier/service';
import { type Exchange, exchangeOf, inOutbox, outboxRefersTo, purgeReturnedTo, resultBlobs } from '../outbox';
import { purgeApplicant } from '../reception/purge';
import { purgeRatingComment } from '../feedback';
import type { Settings } from '../settings';
import { type Store, transaction } from '../store';

const DAY_MS = 86_400_000;

interface Marks {
  applicant_at: string | null;
  files_at: string | null;
}

/**
 * Why a dossier is not purged yet (docs/architecture.md, privacy): never while the outbox
 * still works on it or the portal has not acknowledged its end, never before the hand-over.
 */
export function holdReason(e: Exchange): HoldReason | null {
  const states = [e.submit?.state, e.handover?.state];
  if (inOutbox(e) || states.includes('failed')) return 'in_outbox';
  if (!e.handover) return e.submit?.state === 'submitted' ? 'portal_not_final' : 'not_handed_over';
  return e.handover.state === 'done' ? null : 'portal_not_final';
}

/**
 * The privacy room: the personal data lifecycle (Decree 13/2023/NĐ-CP; the 2025 Law on
 * Personal Data Protection). It decides what is past its retention and asks the owning rooms
 * to purge it — reception the applicant's details, dossier the pages and the name the lists
 * show, documents the component PDFs and signed copies, the outbox who received the result
 * (its results' files go with the local files; every outbox row stays) — then removes each
 * blob file no row still refers to. It writes only its own `privacy_purges`, and one audit
 * entry per dossier.
 */
export class Privacy {
  constructor(
    private readonly store: Store,
    private readonly settings: Settings,
    private readonly dossiers: DossierService,
    private readonly audit: Pick<AuditLog, 'append'>,
    private readonly now: () => Date = () => new Date(),
  ) {
    dossiers.detailViews.push((id) => ({ purged: this.purgedOf(id) }));
  }

  private get db() {
    return this.store.db;
  }

  private marks(dossierId: string): Marks | undefined {
    return this.db
      .prepare('SELECT applicant_at, files_at FROM privacy_purges WHERE dossier_id = ?')
      .get(dossierId) as Marks | undefined;
  }

  /** What the dossier's view says was purged, and when; null: nothing yet. */
  purgedOf(dossierId: string): { applicantAt: string | null; filesAt: string | null } | null {
    const m = this.marks(dossierId);
    return m ? { applicantAt: m.applicant_at, filesAt: m.files_at } : null;
  }

  plan(): PurgePlan {
    const at = this.now();
    const s = this.settings.get();
    const days: Record<PurgeKind, number> = {
      applicant: s.retentionApplicantDays,
      files: s.retentionFilesDays,
    };
    const dossiers = dossierRows(this.db).map((row): PlanEntry => {
      const exchange = exchangeOf(this.db, row.id);
      const m = this.marks(row.id);
      const done: Record<PurgeKind, string | null> = {
        applicant: m?.applicant_at ?? null,
        files: m?.files_at ?? null,
      };
      const held = holdReason(exchange);
      const handedOverAt = exchange.handover?.at ?? null;
      const kinds = (['applicant', 'files'] as const).filter((k) => !done[k]);
      return {
        dossierId: row.id,
        code: row.code,
        applicantName: row.applicant_name,
        handedOverAt,
        due:
          held || !handedOverAt
            ? []
            : kinds.map((kind) => ({
                kind,
                at: new Date(Date.parse(handedOverAt) + days[kind] * DAY_MS).toISOString(),
              })),
        purged: (['applicant', 'files'] as const).flatMap((kind) => {
          const when = done[kind];
          return when ? [{ kind, at: when }] : [];
        }),
        held: kinds.length ? held : null,
      };
    });
    return {
      at: at.toISOString(),
      retentionApplicantDays: days.applicant,
      retentionFilesDays: days.files,
      dossiers,
    };
  }

  /**
   * Deletes the files a purge listed as `pending` that no row still refers to (content-addressed:
   * another dossier, or an unfinished upload, may share one), then clears the list. Returns how
   * many files were removed.
   */
  private deletePending(dossierId: string): number {
    const row = this.db.prepare('SELECT pending FROM privacy_purges WHERE dossier_id = ?').get(dossierId) as
      { pending: string | null } | undefined;
    let removed = 0;
    for (const b of row?.pending ? (JSON.parse(row.pending) as string[]) : []) {
      if (pagesReferTo(this.db, b) || pdfsReferTo(this.db, b) || outboxRefersTo(this.db, b, dossierId))
        continue;
      if (this.store.blobs.delete(b)) removed++;
    }
    this.db.prepare('UPDATE privacy_purges SET pending = NULL WHERE dossier_id = ?').run(dossierId);
    return removed;
  }

  /** Purges what is past its retention (`dryRun`: only says what would go); `actor` signs each audit entry. */
  purge(dryRun: boolean, actor: string): PurgeReport {
    // Files an interrupted purge left behind go first.
    if (!dryRun)
      for (const r of this.db
        .prepare('SELECT dossier_id FROM privacy_purges WHERE pending IS NOT NULL')
        .all() as { dossier_id: string }[])
        this.deletePending(r.dossier_id);
    const plan = this.plan();
    const now = plan.at;
    const purged: PurgedDossier[] = [];
    const held: PurgeReport['held'] = [];
    for (const entry of plan.dossiers) {
      if (entry.held) {
        held.push({ dossierId: entry.dossierId, code: entry.code, reason: entry.held });
        continue;
      }
      const kinds = entry.due.filter((d) => d.at <= now).map((d) => d.kind);
      if (kinds.length === 0) continue;
      purged.push(dryRun ? this.preview(entry, kinds) : this.purgeOne(entry, kinds, now, actor));
    }
    return { at: now, dryRun, purged, held };
  }

  private preview(entry: PlanEntry, kinds: PurgeKind[]): PurgedDossier {
    const files = kinds.includes('files');
    const pages = files ? pageBlobs(this.db, entry.dossierId) : { pages: 0, blobs: new Set<string>() };
    const pdfs = files ? pdfBlobs(this.db, entry.dossierId) : { pdfs: 0, blobs: new Set<string>() };
    const res = files ? resultBlobs(this.db, entry.dossierId) : { results: 0, blobs: new Set<string>() };
    return {
      dossierId: entry.dossierId,
      code: entry.code,
      kinds,
      pages: pages.pages,
      pdfs: pdfs.pdfs,
      results: res.results,
      blobs: new Set([...pages.blobs, ...pdfs.blobs, ...res.blobs]).size,
    };
  }

  private purgeOne(entry: PlanEntry, kinds: PurgeKind[], now: string, actor: string): PurgedDossier {
    const id = entry.dossierId;
    const applicant = kinds.includes('applicant');
    const files = kinds.includes('files');
    const candidates = new Set<string>();
    const counts = { pages: 0, pdfs: 0, results: 0 };
    // One transaction: the rows go together, or none does (docs/architecture.md, privacy).
    transaction(this.db, () => {
      if (applicant) {
        purgeApplicant(this.db, id);
        purgeApplicantName(this.db, id, PURGED_NAME, now);
        purgeReturnedTo(this.db, id);
        // A rating stays (level, reasons, counter); only its free text may hold personal data.
        purgeRatingComment(this.db, id);
      }
      if (files) {
        for (const b of pageBlobs(this.db, id).blobs) candidates.add(b);
        for (const b of pdfBlobs(this.db, id).blobs) candidates.add(b);
        const res = resultBlobs(this.db, id);
        for (const b of res.blobs) candidates.add(b);
        counts.results = res.results;
        counts.pdfs = purgePdfs(this.db, id);
        counts.pages = purgePages(this.db, id);
      }
      this.db
        .prepare(
          `INSERT INTO privacy_purges (dossier_id, applicant_at, files_at, pending) VALUES (?, ?, ?, ?)
           ON CONFLICT (dossier_id) DO UPDATE SET
             applicant_at = COALESCE(privacy_purges.applicant_at, excluded.applicant_at),
             files_at = COALESCE(privacy_purges.files_at, excluded.files_at),
             pending = COALESCE(excluded.pending, privacy_purges.pending)`,
        )
        .run(
          id,
          applicant ? now : null,
          files ? now : null,
          candidates.size ? JSON.stringify([...candidates]) : null,
        );
    });
    // The rows are gone for good; only now the files no row still needs.
    const blobs = this.deletePending(id);
    const result = { dossierId: id, code: entry.code, kinds, ...counts, blobs };
    // Counts only, never the data (docs/architecture.md, "Audit trail").
    this.audit.append('privacy.purge', id, JSON.stringify({ kinds, ...counts, blobs }), actor);
    this.dossiers.changed(id);
    return result;
  }
}
