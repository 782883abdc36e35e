import {
  type PublicSettings,
  type PublicSettingsPatch,
  SECRET_SETTINGS,
  StationSettings,
} from '../../../shared/api/rooms/settings';
import { SAMPLE_SETTINGS, type SampleSetting } from '../../../shared/api/rooms/setup';
import { type Db, transaction } from '../store';
import type { DataKey } from '../store/data-key';

const isSecret = (key: string): boolean => (SECRET_SETTINGS as readonly string[]).includes(key);

/**
 * Settings live one key per row (JSON values); a missing key takes its default.
 * `get()` is the engine's own view, secrets included; clients only ever get
 * `view()`, where each secret is replaced by whether one is stored.
 */
export class Settings {
  /** `key`: the station's data key; the portal and payment keys are sealed with it at rest. */
  constructor(
    private readonly db: Db,
    private readonly key: DataKey | null = null,
  ) {}

  get(): StationSettings {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    const stored: Record<string, unknown> = {};
    for (const r of rows) {
      const value: unknown = JSON.parse(r.value);
      stored[r.key] =
        isSecret(r.key) && typeof value === 'string' && this.key ? this.key.openText(value) : value;
    }
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

  /** What a client may see: no secret values, only `portalSecretSet` / `paymentSecretSet`. */
  view(): PublicSettings {
    return publicView(this.get());
  }

  /**
   * Changes the given fields only. A secret given as a string is stored, as
   * null it is cleared, left out it stays as it was.
   */
  update(patch: Partial<StationSettings> | PublicSettingsPatch): StationSettings {
    const now = new Date().toISOString();
    const upsert = this.db.prepare(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
    const remove = this.db.prepare('DELETE FROM settings WHERE key = ?');
    transaction(this.db, () => {
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined) continue;
        if (v === null) remove.run(k);
        else
          upsert.run(
            k,
            JSON.stringify(isSecret(k) && typeof v === 'string' && this.key ? this.key.sealText(v) : v),
            now,
          );
      }
    });
    return this.get();
  }

  /**
   * Whether the unit has set `key` itself: given a value other than the shipped default, or
   * saved the default when it is not a marked sample ("(mẫu)"). The forms carry "MẪU — chưa
   * cấu hình" until the agency, the hotline and the look-up address are (reception/form-parts.ts).
   */
  isSet(key: keyof StationSettings): boolean {
    const shipped = JSON.stringify(StationSettings.parse({})[key]);
    if (JSON.stringify(this.get()[key]) !== shipped) return true;
    const saved = !!this.db.prepare('SELECT 1 FROM settings WHERE key = ?').get(key);
    return saved && !/mẫu/i.test(shipped);
  }

  /** The wizard's settings still at their shipped sample value (shared/api/rooms/setup.ts). */
  samples(): SampleSetting[] {
    return SAMPLE_SETTINGS.filter((key) => !this.isSet(key));
  }

  /** Training mode: no real portal configured, the built-in training portal answers. */
  trainingMode(): boolean {
    return !this.get().portalUrl;
  }

  /**
   * A switch a room keeps for itself beside the settings (e.g. `outbox.paused`): stored in the
   * same table, never part of `get()` or `view()`. Off when never set.
   */
  flag(key: string): boolean {
    const r = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
      { value: string } | undefined;
    return r?.value === 'true';
  }

  setFlag(key: string, on: boolean): void {
    this.db
      .prepare(
        'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
      )
      .run(key, on ? 'true' : 'false', new Date().toISOString());
  }
}

export function publicView(s: StationSettings): PublicSettings {
  const view: Record<string, unknown> = { ...s };
  for (const k of SECRET_SETTINGS) delete view[k];
  return {
    ...(view as Omit<StationSettings, (typeof SECRET_SETTINGS)[number]>),
    portalSecretSet: s.portalSecret !== '',
    paymentSecretSet: s.paymentSecret !== '',
    dvcqgPasswordSet: s.dvcqgPassword !== '',
  };
}
