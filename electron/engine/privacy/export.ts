import type { FileUpload } from '../../../shared/api/contract';
import { fileSafe } from '../../../shared/domain/text';
import type { Documents } from '../documents';
import type { DossierService } from '../dossier/service';
import { exchangeOf, results, sentFiles } from '../outbox';
import { dossiersOfApplicant } from '../reception/purge';
import type { Store } from '../store';

/**
 * Quyền truy cập dữ liệu (the data subject's right of access, Decree 13/2023/NĐ-CP art. 9;
 * docs/architecture.md, privacy): everything the station still holds about one citizen or
 * organisation, found by the CCCD / ID number or tax code in the sealed applicant details —
 * `dossiers.json` (each dossier as the station shows it, with what was sent and its hand-over),
 * one PDF per component (the signed copy where there is one) and the results fetched back. A dossier whose details were
 * already purged is no longer found: the station no longer knows whose it was.
 */
export function exportApplicant(
  store: Store,
  dossiers: DossierService,
  documents: Pick<Documents, 'storedAll'>,
  applicantId: string,
  now: Date,
): { dossiers: number; files: FileUpload[] } {
  const ids = dossiersOfApplicant(store.db, store.key, applicantId);
  const files: FileUpload[] = [];
  const records = ids.map((id) => {
    const d = dossiers.get(id);
    const stem = fileSafe(d.code ?? id.slice(0, 8));
    const pdfs = documents.storedAll(id).map((p) => {
      const name = `${stem}_${fileSafe(p.componentCode)}${p.signedBlob ? '_da-ky' : ''}.pdf`;
      files.push({ name, dataBase64: store.blobs.get(p.signedBlob ?? p.blob).toString('base64') });
      return { componentCode: p.componentCode, file: name, signed: !!p.signedBlob };
    });
    // The results the portal sent back for the citizen, while their files are still here.
    const returned = results(store.db, id).flatMap((r) => {
      if (!store.blobs.has(r.blob)) return [];
      const name = `${stem}_ket-qua_${fileSafe(r.name)}`;
      files.push({ name, dataBase64: store.blobs.get(r.blob).toString('base64') });
      return [{ file: name }];
    });
    const exchange = exchangeOf(store.db, id);
    return {
      ...d,
      pdfs,
      results: returned,
      sent: sentFiles(store.db, id),
      handedOverAt: exchange.handover?.at ?? null,
    };
  });
  const json = JSON.stringify({ exportedAt: now.toISOString(), applicantId, dossiers: records }, null, 2);
  files.unshift({ name: 'dossiers.json', dataBase64: Buffer.from(json, 'utf8').toString('base64') });
  return { dossiers: ids.length, files };
}
