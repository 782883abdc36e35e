/**
 * Schema changes, each with a unique name, applied once, in the order given,
 * inside a transaction; `schema_migrations` records which have run. Each room
 * owns its migrations (`<room>/schema.ts`) and `ALL_MIGRATIONS` in
 * `engine/schema.ts` lists the rooms. Never edit a migration that has shipped:
 * add a new one.
 */
export interface Migration {
  /** `<room>.<nnn>-<what>`, e.g. `dossier.001-pages`. */
  name: string;
  sql: string;
}
