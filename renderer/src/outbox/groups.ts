import type { OutboxItem } from '../../../shared/api/rooms/outbox';

/** One row per dossier: its submission leads, the hand-over, corrections and apologies are its steps. */
export interface DossierRow {
  dossierId: string;
  main: OutboxItem;
  /** Every outbox item of the dossier, oldest first (the submission among them). */
  steps: OutboxItem[];
}

export function byDossier(items: readonly OutboxItem[]): DossierRow[] {
  const rows = new Map<string, OutboxItem[]>();
  for (const i of items) rows.set(i.dossierId, [...(rows.get(i.dossierId) ?? []), i]);
  return [...rows.entries()].map(([dossierId, list]) => {
    const steps = [...list].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
    return { dossierId, main: steps.find((s) => s.kind === 'submit') ?? steps[0]!, steps };
  });
}

/** Where the dossier's sending needs the clerk: a step in trouble, else the latest step still going. */
export function leadingStep(row: DossierRow): OutboxItem {
  const trouble = row.steps.find((s) => s.state === 'failed' || s.state === 'retry');
  if (trouble) return trouble;
  const going = [...row.steps].reverse().find((s) => s.state === 'queued' || s.state === 'sending');
  return going ?? row.main;
}

const RETRYABLE = ['queued', 'sending', 'retry', 'failed', 'submitted'];
const PAUSABLE = ['queued', 'sending', 'retry'];

/** What the row's menu offers for this dossier (the calls take the dossier, not the step). */
export function rowActions(row: DossierRow) {
  const pausable = row.steps.filter((s) => PAUSABLE.includes(s.state));
  return {
    retry: row.steps.some((s) => RETRYABLE.includes(s.state)),
    pause: pausable.some((s) => !s.paused),
    resume: pausable.some((s) => s.paused),
    handOver: row.main.kind === 'submit' && row.main.state === 'result_ready',
    fee: row.main.kind === 'submit' && row.main.feeVnd > 0,
    results: row.steps.flatMap((s) => s.results),
  };
}
