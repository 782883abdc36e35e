import type { DossierSummary } from '../../../shared/api';
import type { DueState } from '../../../shared/domain/due';
import { fold } from '../../../shared/domain/text';

/** The list's quick filters: today, due soon, overdue, waiting for the citizen (bổ sung), failed to send. */
export const DOSSIER_FILTERS = ['all', 'today', 'due_soon', 'overdue', 'awaiting', 'failed'] as const;
export type DossierFilter = (typeof DOSSIER_FILTERS)[number];

function dayOf(iso: string): string {
  // The counter's calendar day (+07:00), whatever the machine's zone.
  return new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

export function passesFilter(
  d: DossierSummary,
  filter: DossierFilter,
  due: DueState | null,
  now: Date = new Date(),
): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'today':
      return dayOf(d.receivedAt ?? d.createdAt) === dayOf(now.toISOString());
    case 'due_soon':
      return due === 'due_soon';
    case 'overdue':
      return due === 'overdue';
    case 'awaiting':
      return d.status === 'awaiting_completion';
    case 'failed':
      return d.portalState === 'failed' || d.portalState === 'retry';
  }
}

/**
 * A code read off a receipt (its QR's whole text holds it) or typed in part; a name
 * without its marks; or a whole ID number, whose dossiers the engine found (`byIdNumber`).
 */
export function matchesQuery(d: DossierSummary, query: string, byIdNumber: readonly string[] = []): boolean {
  const q = fold(query.trim());
  if (!q) return true;
  if (byIdNumber.includes(d.id)) return true;
  const code = fold(d.code ?? '');
  return (!!code && (code.includes(q) || q.includes(code))) || fold(d.applicantName).includes(q);
}

/** A whole citizen ID number (CCCD, 12 digits) or tax code, as `dossier.findByIdNumber` takes it. */
export function idNumberIn(query: string): string | null {
  const q = query.replace(/\s+/g, '');
  return /^(\d{12}|\d{10}(-\d{3})?)$/.test(q) ? q : null;
}

/** The dossier whose code a reader's lines carry (a receipt's QR: the code, then the look-up link). */
export function dossierInLines(dossiers: readonly DossierSummary[], lines: readonly string[]) {
  const text = lines.join('\n');
  return dossiers.find((d) => !!d.code && text.includes(d.code)) ?? null;
}
