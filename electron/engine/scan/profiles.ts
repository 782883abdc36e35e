import crypto from 'node:crypto';
import type { ScanDefault, ScanProfile } from '../../../shared/api/rooms/scan';
import { StationError } from '../../../shared/api/errors';
import { type Db, transaction } from '../store';

interface ProfileRow {
  id: string;
  name: string;
  device_id: string;
  source: ScanProfile['source'];
  dpi: number;
  mode: ScanProfile['mode'];
}

const toProfile = (r: ProfileRow): ScanProfile => ({
  id: r.id,
  name: r.name,
  deviceId: r.device_id,
  source: r.source,
  dpi: r.dpi,
  mode: r.mode,
});

/** Named scan settings (hồ sơ quét) and the default one per procedure component. */
export class ScanProfiles {
  constructor(private readonly db: Db) {}

  list(): { profiles: ScanProfile[]; defaults: ScanDefault[] } {
    const profiles = (
      this.db.prepare('SELECT * FROM scan_profiles ORDER BY name').all() as unknown as ProfileRow[]
    ).map(toProfile);
    return { profiles, defaults: this.defaults() };
  }

  private defaults(): ScanDefault[] {
    return (
      this.db
        .prepare(
          'SELECT procedure_code, component_code, profile_id FROM scan_defaults ORDER BY procedure_code, component_code',
        )
        .all() as { procedure_code: string; component_code: string; profile_id: string }[]
    ).map((r) => ({
      procedureCode: r.procedure_code,
      componentCode: r.component_code,
      profileId: r.profile_id,
    }));
  }

  get(id: string): ScanProfile {
    const row = this.db.prepare('SELECT * FROM scan_profiles WHERE id = ?').get(id) as ProfileRow | undefined;
    if (!row) throw new StationError('invalid_request', {}, `no scan profile ${id}`);
    return toProfile(row);
  }

  save(p: Omit<ScanProfile, 'id'> & { id?: string }): ScanProfile {
    const id = p.id ?? crypto.randomUUID();
    const now = new Date().toISOString();
    try {
      this.db
        .prepare(
          `INSERT INTO scan_profiles (id, name, device_id, source, dpi, mode, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET name = excluded.name, device_id = excluded.device_id,
             source = excluded.source, dpi = excluded.dpi, mode = excluded.mode, updated_at = excluded.updated_at`,
        )
        .run(id, p.name.trim(), p.deviceId, p.source, p.dpi, p.mode, now, now);
    } catch (err) {
      throw new StationError('invalid_request', {}, `profile name already used: ${String(err)}`);
    }
    return this.get(id);
  }

  delete(id: string): boolean {
    let changes = 0;
    transaction(this.db, () => {
      this.db.prepare('DELETE FROM scan_defaults WHERE profile_id = ?').run(id);
      changes = Number(this.db.prepare('DELETE FROM scan_profiles WHERE id = ?').run(id).changes);
    });
    return changes > 0;
  }

  setDefault(procedureCode: string, componentCode: string, profileId: string | null): ScanDefault[] {
    if (profileId === null) {
      this.db
        .prepare('DELETE FROM scan_defaults WHERE procedure_code = ? AND component_code = ?')
        .run(procedureCode, componentCode);
    } else {
      this.get(profileId);
      this.db
        .prepare(
          `INSERT INTO scan_defaults (procedure_code, component_code, profile_id) VALUES (?, ?, ?)
           ON CONFLICT (procedure_code, component_code) DO UPDATE SET profile_id = excluded.profile_id`,
        )
        .run(procedureCode, componentCode, profileId);
    }
    return this.defaults();
  }
}
