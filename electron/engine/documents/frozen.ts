import { StationError } from '../../../shared/api/errors';
import { fileSafe } from '../../../shared/domain/text';
import type { DossierService } from '../dossier/service';
import type { Store } from '../store';

/** One file exactly as it goes to the portal: the signed PDF where there is one, else the assembled one. */
export interface FrozenFile {
  componentCode: string;
  /** The file name the portal gets (ASCII, from the component's code and name). */
  name: string;
  /** The blob's key in the store, which is also its SHA-256. */
  blob: string;
  size: number;
  sha256: string;
}

/**
 * The files of a dossier that go to the portal, in the components' order,
 * assembling what is missing or outdated first. Throws `outbox_no_files` when
 * the dossier has no component PDF at all.
 */
export async function frozenFiles(
  store: Store,
  dossiers: DossierService,
  dossierId: string,
): Promise<FrozenFile[]> {
  let dossier = dossiers.get(dossierId);
  for (const c of dossier.components) {
    if (c.pages.length > 0 && (!c.pdf || !c.pdf.current))
      dossier = await dossiers.assemble(dossierId, c.code);
  }
  const rows = store.db
    .prepare('SELECT component_code, blob, bytes, signed_blob FROM component_pdfs WHERE dossier_id = ?')
    .all(dossierId) as { component_code: string; blob: string; bytes: number; signed_blob: string | null }[];
  const byCode = new Map(rows.map((r) => [r.component_code, r]));
  const files: FrozenFile[] = [];
  for (const c of dossier.components) {
    const row = byCode.get(c.code);
    if (!row) continue;
    const blob = row.signed_blob ?? row.blob;
    const size = row.signed_blob ? store.blobs.get(blob).length : row.bytes;
    files.push({
      componentCode: c.code,
      name: `${fileSafe(c.code, 60)}_${fileSafe(c.name, 60)}.pdf`.slice(0, 120),
      blob,
      size,
      sha256: blob,
    });
  }
  if (files.length === 0) throw new StationError('outbox_no_files', { id: dossierId });
  return files;
}
