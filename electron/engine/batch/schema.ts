import type { Migration } from '../store/migrations';

/**
 * Batch import. Its table, `batch_imports` (key, folder, dossier_id, state, started_at, done_at), was
 * created by `outbox.001-items-files-results`, which has shipped and is recorded in stations'
 * databases, so it stays whole in outbox/schema.ts (docs/architecture.md: never edit a shipped
 * migration). The batch room's own changes start here; engine/schema.ts appends them after every
 * earlier room's.
 */
export const batchMigrations: Migration[] = [];
