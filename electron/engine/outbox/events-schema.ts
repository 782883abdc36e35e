import type { Migration } from '../store/migrations';

/**
 * The outbox becomes an event sequence per dossier (docs/portal-protocol.md, "Events"): every
 * counter event is its own item, numbered `seq` 1, 2, 3… within its dossier, and an item is sent
 * only once every earlier item of its dossier is delivered. SQLite cannot drop the old
 * `UNIQUE (dossier_id, kind)`, so the table is rebuilt: every existing row is kept with its id
 * (outbox_files point at it: they are set aside and put back, so no foreign key breaks), numbered in the order it was written. One submission and one
 * hand-over per dossier stay unique (partial indexes); corrections, apologies and events may
 * repeat. `send_now`: the clerk's "Gửi ngay" past a closed upload window. The reports room's trigger (reports.001-resolved-at) is created again, unchanged.
 * Runs after every room's migrations so that every column added to outbox_items is copied.
 */
const COLUMNS = `id, dossier_id, kind, state, idem_key, code, portal_created, attempts, next_at, paused,
  wait_reason, last_error, portal_status, checked_at, consent, returned_to, created_at, updated_at,
  version, reason, submitted_at, payload, resolved_at`;

export const outboxEventMigrations: Migration[] = [
  {
    name: 'outbox.004-event-sequence',
    sql: `
    CREATE TEMP TABLE outbox_files_keep AS SELECT * FROM outbox_files;
    DELETE FROM outbox_files;
    CREATE TABLE outbox_items_seq (
      id INTEGER PRIMARY KEY,
      dossier_id TEXT NOT NULL REFERENCES dossiers(id),
      seq INTEGER NOT NULL,
      kind TEXT NOT NULL,
      state TEXT NOT NULL,
      idem_key TEXT NOT NULL,
      code TEXT,
      portal_created INTEGER NOT NULL DEFAULT 0,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_at INTEGER NOT NULL DEFAULT 0,
      paused INTEGER NOT NULL DEFAULT 0,
      wait_reason TEXT,
      last_error TEXT,
      portal_status INTEGER,
      checked_at INTEGER,
      consent TEXT,
      returned_to TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      version INTEGER,
      reason TEXT,
      submitted_at TEXT,
      payload TEXT,
      resolved_at TEXT,
      send_now INTEGER NOT NULL DEFAULT 0,
      UNIQUE (dossier_id, seq)
    );
    INSERT INTO outbox_items_seq (seq, ${COLUMNS})
      SELECT ROW_NUMBER() OVER (PARTITION BY dossier_id ORDER BY
               CASE kind WHEN 'submit' THEN 0 WHEN 'return' THEN 2 ELSE 1 END, id), ${COLUMNS}
      FROM outbox_items;
    DROP TABLE outbox_items;
    ALTER TABLE outbox_items_seq RENAME TO outbox_items;
    INSERT INTO outbox_files SELECT * FROM outbox_files_keep;
    DROP TABLE outbox_files_keep;
    CREATE INDEX outbox_items_due ON outbox_items(state, next_at);
    CREATE UNIQUE INDEX outbox_items_one_submit ON outbox_items(dossier_id) WHERE kind = 'submit';
    CREATE UNIQUE INDEX outbox_items_one_return ON outbox_items(dossier_id) WHERE kind = 'return';
    CREATE TRIGGER outbox_items_resolved_at
      AFTER UPDATE OF portal_status ON outbox_items
      WHEN NEW.kind = 'submit' AND NEW.portal_status IN (9, 10) AND NEW.resolved_at IS NULL
    BEGIN
      UPDATE outbox_items SET resolved_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
    END;`,
  },
];
