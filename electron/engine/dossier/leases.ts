import type { Method } from '../../../shared/api/contract';
import { StationError } from '../../../shared/api/errors';
import type { Caller } from '../context';

/** The calls that change a dossier's content: one clerk at a time may make them on one dossier. */
const EDITS = new Set<Method>([
  'dossier.addPages',
  'dossier.reorderPages',
  'dossier.rotatePage',
  'dossier.deletePage',
  'dossier.restorePage',
  'scan.page.move',
  'scan.start',
  'scan.import',
  'scan.uploadChunk',
  'scan.importStaged',
  'imaging.choose',
  'imaging.blank',
  'documents.assemble',
  'reception.setApplicant',
  'reception.receive',
]);

/**
 * Đang xử lý — who is working on a dossier now. When two clerks open the same
 * draft on two PCs, the second one's changes are refused with `dossier_in_use`
 * (naming the first) while the first has touched it within `idleMs`; then it is
 * free again. In memory: a restart frees every dossier. A station without
 * accounts has one anonymous caller and never refuses.
 */
export class EditLeases {
  private readonly held = new Map<string, { username: string; name: string; at: number }>();

  constructor(
    private readonly idleMs = 10 * 60_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  isEdit(method: Method): boolean {
    return EDITS.has(method);
  }

  take(dossierId: string, caller: Caller): void {
    if (!caller.username) return;
    const t = this.now();
    const h = this.held.get(dossierId);
    if (h && h.username !== caller.username && t - h.at < this.idleMs)
      throw new StationError('dossier_in_use', { name: h.name, minutes: Math.ceil(this.idleMs / 60_000) });
    this.held.set(dossierId, { username: caller.username, name: caller.name, at: t });
  }
}
