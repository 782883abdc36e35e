import type { Migration } from '../store/migrations';

/**
 * Đánh giá hài lòng (docs/architecture.md, feedback): one row per dossier (its primary key), with
 * the counter, the unit and the receiving clerk, never the citizen. The triggers refuse every
 * DELETE and every UPDATE — from the app, the CLI or raw SQL on station.db — but one: the privacy
 * room's purge may blank the free-text comment (a citizen may have typed personal data in it);
 * the level, the reasons and the attribution stay as given.
 */
export const feedbackMigrations: Migration[] = [
  {
    name: 'feedback.001-ratings',
    sql: `
    CREATE TABLE feedback_ratings (
      dossier_id TEXT PRIMARY KEY REFERENCES dossiers(id),
      counter TEXT NOT NULL,
      agency TEXT NOT NULL,
      clerk TEXT,
      clerk_username TEXT,
      level TEXT NOT NULL CHECK (level IN ('very_satisfied', 'satisfied', 'unsatisfied')),
      reasons TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reasons) AND json_type(reasons) = 'array'),
      comment TEXT,
      at TEXT NOT NULL,
      CHECK (level = 'unsatisfied' OR reasons = '[]')
    );
    CREATE INDEX feedback_ratings_at ON feedback_ratings(at);
    CREATE TRIGGER feedback_ratings_no_delete BEFORE DELETE ON feedback_ratings
    BEGIN
      SELECT RAISE(ABORT, 'feedback_ratings: a rating is never deleted');
    END;
    CREATE TRIGGER feedback_ratings_no_update BEFORE UPDATE ON feedback_ratings
      WHEN NOT (
        NEW.comment IS NULL AND OLD.comment IS NOT NULL
        AND NEW.dossier_id IS OLD.dossier_id AND NEW.counter IS OLD.counter AND NEW.agency IS OLD.agency
        AND NEW.clerk IS OLD.clerk AND NEW.clerk_username IS OLD.clerk_username
        AND NEW.level IS OLD.level AND NEW.reasons IS OLD.reasons AND NEW.at IS OLD.at
      )
    BEGIN
      SELECT RAISE(ABORT, 'feedback_ratings: a rating is never changed');
    END;`,
  },
];
