import { StationError } from '../../../shared/api/errors';
import type { Rating, RatingInput, RatingLevel, RatingReason } from '../../../shared/api/rooms/feedback';
import type { Catalog } from '../catalog';
import type { DossierService } from '../dossier/service';
import type { Settings } from '../settings';
import type { Db } from '../store';

interface RatingRow {
  dossier_id: string;
  code: string | null;
  procedure_code: string;
  counter: string;
  agency: string;
  clerk: string | null;
  level: RatingLevel;
  reasons: string;
  comment: string | null;
  at: string;
}

/** Who served the citizen: the clerk at the counter when the dossier was shown on the citizen screen. */
export interface ServedBy {
  username: string | null;
}

/**
 * Đánh giá hài lòng (docs/architecture.md, feedback): one rating per received dossier, written
 * once and never changed (the table's triggers refuse it), attributed to the dossier, the counter
 * (stationCode), the unit (agencyCode) and the receiving clerk, never to the citizen.
 */
export class Feedback {
  constructor(
    private readonly db: Db,
    private readonly dossiers: Pick<DossierService, 'get'>,
    private readonly catalog: Catalog,
    private readonly settings: Settings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Told of each rating once stored (engine/index.ts queues it for the portal, docs/portal-protocol.md "Events"). */
  readonly rated: ((dossierId: string, r: Rating) => void)[] = [];

  /** Stores the citizen's rating of a received dossier; a second one, or one for a draft, is refused. */
  rate(dossierId: string, input: RatingInput, servedBy: ServedBy): Rating {
    const d = this.dossiers.get(dossierId); // dossier_not_found when there is none
    if (d.status === 'draft' || !d.receivedAt) throw new StationError('feedback_not_received');
    if (this.ratingOf(dossierId)) throw new StationError('feedback_exists');
    const s = this.settings.get();
    try {
      this.db
        .prepare(
          `INSERT INTO feedback_ratings (dossier_id, counter, agency, clerk, clerk_username, level, reasons, comment, at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          dossierId,
          s.stationCode,
          s.agencyCode,
          d.receivedBy ?? null,
          servedBy.username,
          input.level,
          JSON.stringify(input.level === 'unsatisfied' ? input.reasons : []),
          input.comment?.trim() || null,
          this.now().toISOString(),
        );
    } catch (err) {
      // Two screens racing for the same dossier: the primary key keeps one.
      if (/UNIQUE|PRIMARY KEY/i.test((err as Error).message)) throw new StationError('feedback_exists');
      throw err;
    }
    const rating = this.ratingOf(dossierId)!;
    for (const f of this.rated) f(dossierId, rating);
    return rating;
  }

  /** The dossier's rating, or null. */
  ratingOf(dossierId: string): Rating | null {
    const row = this.db.prepare(`${SELECT} WHERE f.dossier_id = ?`).get(dossierId) as RatingRow | undefined;
    return row ? this.toRating(row) : null;
  }

  /** Ratings given in [fromIso, toIso) (UTC instants), newest first; optionally of one level. */
  between(fromIso: string, toIso: string, level?: RatingLevel): Rating[] {
    const rows = this.db
      .prepare(`${SELECT} WHERE f.at >= ? AND f.at < ? AND (? IS NULL OR f.level = ?) ORDER BY f.at DESC`)
      .all(fromIso, toIso, level ?? null, level ?? null) as unknown as RatingRow[];
    return rows.map((r) => this.toRating(r));
  }

  private toRating(r: RatingRow): Rating {
    let name = r.procedure_code;
    try {
      name = this.catalog.get(r.procedure_code).name;
    } catch {
      // a procedure no longer in the catalogue: its code stands for it
    }
    return {
      dossierId: r.dossier_id,
      dossierCode: r.code,
      procedureCode: r.procedure_code,
      procedureName: name,
      counter: r.counter,
      agency: r.agency,
      clerk: r.clerk,
      level: r.level,
      reasons: JSON.parse(r.reasons) as RatingReason[],
      comment: r.comment,
      at: r.at,
    };
  }
}

const SELECT = `SELECT f.dossier_id, d.code, d.procedure_code, f.counter, f.agency, f.clerk, f.level, f.reasons,
  f.comment, f.at FROM feedback_ratings f JOIN dossiers d ON d.id = f.dossier_id`;

/** The privacy purge blanks the comment with the applicant's details (the only change the triggers let through). */
export function purgeRatingComment(db: Db, dossierId: string): void {
  db.prepare('UPDATE feedback_ratings SET comment = NULL WHERE dossier_id = ? AND comment IS NOT NULL').run(
    dossierId,
  );
}
