import type { Migration } from '../store/migrations';

/**
 * Payments (lệ phí). Their table, `outbox_payments` (reference, dossier_id, amount, method, state,
 * pay_url, receipt, created_at, updated_at), was created by `outbox.001-items-files-results`, which
 * has shipped and is recorded in stations' databases, so it stays whole in outbox/schema.ts
 * (docs/architecture.md: never edit a shipped migration). The payment room's own changes start here;
 * engine/schema.ts appends them after every earlier room's.
 */
export const paymentMigrations: Migration[] = [];
