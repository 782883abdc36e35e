import type { KeptVersion } from '../../../shared/api/rooms/documents';
import { StationError } from '../../../shared/api/errors';
import { fileSafe } from '../../../shared/domain/text';
import type { DossierService } from '../dossier/service';
import { sha256, type Store } from '../store';
import { pdfRows } from './state';

interface VersionRow {
  dossier_id: string;
  version: number;
  component_code: string;
  blob: string;
  signed_blob: string | null;
  bytes: number;
  sha256: string;
  signed_by: string | null;
  signed_at: string | null;
  kept_at: string;
}

/**
 * Versions kept by a correction (đính chính, docs/architecture.md, documents): the
 * component PDFs of a dossier as they were before it was corrected, in
 * `document_versions`. Only ids are copied — blobs are content-addressed and never
 * overwritten, so the files stay byte for byte what was received.
 */
export class DocumentVersions {
  constructor(
    private readonly store: Store,
    private readonly dossiers: DossierService,
  ) {}

  private get db() {
    return this.store.db;
  }

  /**
   * Keeps every component PDF of the dossier as version `version`; runs inside the
   * caller's transaction (the one that opens the correction). Keeping a version twice
   * changes nothing.
   */
  keepInTx(dossierId: string, version: number): void {
    const at = new Date().toISOString();
    const ins = this.db.prepare(
      `INSERT INTO document_versions (dossier_id, version, component_code, blob, signed_blob, bytes, sha256,
         signed_by, signed_at, kept_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (dossier_id, version, component_code) DO NOTHING`,
    );
    for (const r of pdfRows(this.db, dossierId).values()) {
      const file = r.signed_blob ?? r.blob;
      ins.run(
        dossierId,
        version,
        r.component_code,
        r.blob,
        r.signed_blob,
        r.signed_blob ? (r.signed_bytes ?? r.bytes) : r.bytes,
        file, // a blob's id is its SHA-256
        r.signed_blob ? r.signed_by : null,
        r.signed_blob ? r.signed_at : null,
        at,
      );
    }
  }

  /** The kept versions, oldest first, each component in the procedure's order. */
  list(dossierId: string): KeptVersion[] {
    const order = new Map(this.dossiers.get(dossierId).components.map((c, i) => [c.code, i]));
    const rows = this.db
      .prepare('SELECT * FROM document_versions WHERE dossier_id = ? ORDER BY version')
      .all(dossierId) as unknown as VersionRow[];
    const out = new Map<number, KeptVersion>();
    for (const r of rows) {
      const v = out.get(r.version) ?? { version: r.version, keptAt: r.kept_at, components: [] };
      v.components.push({
        componentCode: r.component_code,
        bytes: r.bytes,
        sha256: r.sha256,
        signed: r.signed_blob !== null,
        signedBy: r.signed_by,
        signedAt: r.signed_at,
      });
      out.set(r.version, v);
    }
    for (const v of out.values())
      v.components.sort((a, b) => (order.get(a.componentCode) ?? 0) - (order.get(b.componentCode) ?? 0));
    return [...out.values()];
  }

  /** One kept file exactly as it was: the signed copy where there was one, checked against its hash. */
  pdf(
    dossierId: string,
    version: number,
    componentCode: string,
  ): { fileName: string; bytes: Buffer; signed: boolean; sha256: string } {
    const { procedure } = this.dossiers.component(dossierId, componentCode);
    const r = this.db
      .prepare('SELECT * FROM document_versions WHERE dossier_id = ? AND version = ? AND component_code = ?')
      .get(dossierId, version, componentCode) as VersionRow | undefined;
    if (!r) throw new StationError('pdf_not_built', { code: `${componentCode} (v${version})` });
    const bytes = this.store.blobs.get(r.signed_blob ?? r.blob);
    if (sha256(bytes) !== r.sha256)
      throw new StationError('data_damaged', {}, `kept version ${version} of ${componentCode}`);
    return {
      fileName: `${fileSafe(procedure.code)}_${fileSafe(componentCode)}_${dossierId.slice(0, 8)}_v${version}.pdf`,
      bytes,
      signed: r.signed_blob !== null,
      sha256: r.sha256,
    };
  }
}
