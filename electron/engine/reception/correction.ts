import type { Dossier } from '../../../shared/api/contract';
import { StationError } from '../../../shared/api/errors';
import { formatInstant } from '../../../shared/domain/deadline';
import type { DocumentVersions } from '../documents';
import type { DossierService } from '../dossier/service';
import { type Store, transaction } from '../store';
import { readReception } from './view';

/**
 * What a correction needs from the rooms downstream of reception, which reception may
 * not import (docs/architecture.md, room matrix): wired in engine/index.ts.
 */
export interface CorrectionLink {
  /** The outbox: the dossier's submission (or a previous update) is still on its way to the portal. */
  uploading(dossierId: string): boolean;
  /** Run inside the transaction that finishes a correction: the outbox queues the update. */
  finishedInTx(dossierId: string, c: { version: number; reason: string }): void;
}

/**
 * Đính chính — a supervisor's correction of a received dossier (docs/architecture.md,
 * reception). Opening it keeps the version as received (documents room), then makes the
 * pages editable (dossier room); finishing it, once every changed component is signed
 * again, raises the version, keeps the correction in reception's record and queues the
 * update to the portal — all in one transaction.
 */
export class Corrections {
  constructor(
    private readonly store: Store,
    private readonly dossiers: DossierService,
    private readonly versions: Pick<DocumentVersions, 'keepInTx'>,
    private readonly link: CorrectionLink,
    private readonly onChange: (dossierId: string) => void = () => {},
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get db() {
    return this.store.db;
  }

  /** Opens a correction on a received dossier; `by`: the supervisor's name. */
  correct(dossierId: string, reason: string, by: string): Dossier {
    transaction(this.db, () => {
      const d = this.dossiers.get(dossierId);
      if (d.status !== 'received') throw new StationError('dossier_wrong_status', { status: d.status });
      const { version, correction } = this.dossiers.correction(dossierId);
      if (correction) throw new StationError('dossier_wrong_status', { status: 'correcting' });
      if (this.link.uploading(dossierId))
        throw new StationError('correction_while_uploading', { code: d.code ?? '' });
      this.versions.keepInTx(dossierId, version);
      this.dossiers.openCorrection(dossierId, {
        reason: reason.trim(),
        by,
        at: formatInstant(this.now().getTime()),
      });
    });
    this.onChange(dossierId);
    return this.dossiers.get(dossierId);
  }

  /** Closes the open correction; every component with pages must have a current signed copy. */
  finish(dossierId: string, by: string): Dossier {
    transaction(this.db, () => {
      const d = this.dossiers.get(dossierId);
      if (!d.correction) throw new StationError('dossier_wrong_status', { status: d.status });
      const unsigned = d.components
        .filter((c) => c.pages.length > 0 && !(c.pdf?.current && c.pdf.signed))
        .map((c) => c.code);
      if (unsigned.length)
        throw new StationError('correction_needs_signature', {
          code: d.code ?? '',
          components: unsigned.join(', '),
        });
      const closed = this.dossiers.closeCorrection(dossierId);
      const row = this.db.prepare('SELECT reception FROM dossiers WHERE id = ?').get(dossierId) as {
        reception: string | null;
      };
      const rec = readReception(row.reception);
      rec.corrections.push({
        ...closed.correction,
        version: closed.version,
        finishedAt: formatInstant(this.now().getTime()),
        finishedBy: by,
      });
      this.db.prepare('UPDATE dossiers SET reception = ? WHERE id = ?').run(JSON.stringify(rec), dossierId);
      this.link.finishedInTx(dossierId, { version: closed.version, reason: closed.correction.reason });
    });
    this.onChange(dossierId);
    return this.dossiers.get(dossierId);
  }
}
