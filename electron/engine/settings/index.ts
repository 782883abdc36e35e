import { StationSettings } from '../../../shared/api/rooms/settings';
import { type Db, transaction } from '../store';

/** Settings live one key per row (JSON values); a missing key takes its default. */
export class Settings {
  constructor(private readonly db: Db) {}

  get(): StationSettings {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    const stored: Record<string, unknown> = {};
    for (const r of rows) stored[r.key] = JSON.parse(r.value);
    const parsed = StationSettings.safeParse(stored);
    // A value a newer or older version wrote that no longer fits falls back to the defaults, field by field.
    if (parsed.success) return parsed.data;
    const fallback = StationSettings.parse({});
    for (const [k, v] of Object.entries(stored)) {
      const one = StationSettings.partial().safeParse({ [k]: v });
      if (one.success) Object.assign(fallback, one.data);
    }
    return fallback;
  }

  update(patch: Partial<StationSettings>): StationSettings {
    const now = new Date().toISOString();
    const upsert = this.db.prepare(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
    transaction(this.db, () => {
      for (const [k, v] of Object.entries(patch)) if (v !== undefined) upsert.run(k, JSON.stringify(v), now);
    });
    return this.get();
  }
}
