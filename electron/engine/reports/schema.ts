import type { Migration } from '../store/migrations';

/**
 * When a dossier was resolved (giải quyết xong): the moment the station learns
 * from the portal that it reached "done" (9, đã có kết quả) or "returned" (10,
 * đã trả kết quả). A trigger sets it once, whoever writes the status (status
 * poll, a submit that finds it already done, the return of results); it is the
 * time the station read the status, so at most one status poll late. Dossiers
 * resolved before this migration get their item's last update time.
 */
export const reportsMigrations: Migration[] = [
  {
    name: 'reports.001-resolved-at',
    sql: `
    ALTER TABLE outbox_items ADD COLUMN resolved_at TEXT;
    UPDATE outbox_items SET resolved_at = updated_at
      WHERE kind = 'submit' AND portal_status IN (9, 10);
    CREATE TRIGGER outbox_items_resolved_at
      AFTER UPDATE OF portal_status ON outbox_items
      WHEN NEW.kind = 'submit' AND NEW.portal_status IN (9, 10) AND NEW.resolved_at IS NULL
    BEGIN
      UPDATE outbox_items SET resolved_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
    END;`,
  },
];
