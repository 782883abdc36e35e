import type { Migration } from '../store/migrations';

/**
 * The outbox (hàng đợi gửi): one row per dossier and kind of exchange with the
 * portal ('submit' = nộp hồ sơ, 'return' = ghi nhận đã trả kết quả), written in
 * the same transaction that receives the dossier; the files frozen for upload
 * with the bytes the portal confirmed; the results fetched back. This first
 * migration also created the payment room's `outbox_payments` and the batch
 * room's `batch_imports`: it has shipped, so it stays whole (see payment/schema.ts,
 * batch/schema.ts).
 */
export const outboxMigrations: Migration[] = [
  {
    name: 'outbox.001-items-files-results',
    sql: `
    CREATE TABLE outbox_items (
      id INTEGER PRIMARY KEY,
      dossier_id TEXT NOT NULL REFERENCES dossiers(id),
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
      UNIQUE (dossier_id, kind)
    );
    CREATE INDEX outbox_items_due ON outbox_items(state, next_at);
    CREATE TABLE outbox_files (
      item_id INTEGER NOT NULL REFERENCES outbox_items(id),
      position INTEGER NOT NULL,
      component_code TEXT NOT NULL,
      name TEXT NOT NULL,
      blob TEXT NOT NULL,
      size INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      file_id TEXT,
      sent INTEGER NOT NULL DEFAULT 0,
      complete INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (item_id, position)
    );
    CREATE TABLE outbox_results (
      dossier_id TEXT NOT NULL REFERENCES dossiers(id),
      file_id TEXT NOT NULL,
      name TEXT NOT NULL,
      blob TEXT NOT NULL,
      size INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      signed INTEGER NOT NULL,
      verified TEXT NOT NULL,
      fetched_at TEXT NOT NULL,
      PRIMARY KEY (dossier_id, file_id)
    );
    CREATE TABLE outbox_payments (
      reference TEXT PRIMARY KEY,
      dossier_id TEXT NOT NULL REFERENCES dossiers(id),
      amount INTEGER NOT NULL,
      method TEXT NOT NULL,
      state TEXT NOT NULL,
      pay_url TEXT,
      receipt TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE batch_imports (
      key TEXT PRIMARY KEY,
      folder TEXT NOT NULL,
      dossier_id TEXT NOT NULL REFERENCES dossiers(id),
      state TEXT NOT NULL,
      started_at TEXT NOT NULL,
      done_at TEXT
    );`,
  },
  {
    // Đính chính (docs/portal-protocol.md): an item of kind 'update' carries the corrected
    // version to the portal; `version` and `reason` say which version and why.
    name: 'outbox.002-update-version',
    sql: `ALTER TABLE outbox_items ADD COLUMN version INTEGER;
      ALTER TABLE outbox_items ADD COLUMN reason TEXT;`,
  },
  {
    // When the submission reached the portal (the control sheet and the register print it), and
    // an item of kind 'apology' carries its apology (JSON: reason, cause, the dates) to the portal.
    name: 'outbox.003-submitted-at-apology',
    sql: `ALTER TABLE outbox_items ADD COLUMN submitted_at TEXT;
      ALTER TABLE outbox_items ADD COLUMN payload TEXT;`,
  },
];
