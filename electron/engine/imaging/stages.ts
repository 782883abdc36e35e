/**
 * Per-stage timing of the page pipeline, so a benchmark says where the time goes.
 * Each stage adds the wall time of its steps; pages run side by side, so the
 * sums of a dossier are busy time, not the dossier's wall time.
 */
export const STAGES = ['decode', 'analysis', 'cleanup', 'osd', 'ocr', 'compression', 'pdf'] as const;
export type Stage = (typeof STAGES)[number];

/** Milliseconds per stage, and how many steps each stage took (e.g. OSD runs skipped). */
export interface StageTimes {
  ms: Record<Stage, number>;
  runs: Record<Stage, number>;
}

const zeros = (): Record<Stage, number> =>
  Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;

export const newStageTimes = (): StageTimes => ({ ms: zeros(), runs: zeros() });

/** Runs `fn` and adds its wall time to `stage` (nothing is measured without `times`). */
export async function timeStage<T>(
  times: StageTimes | undefined,
  stage: Stage,
  fn: () => Promise<T>,
): Promise<T> {
  if (!times) return fn();
  const t = performance.now();
  try {
    return await fn();
  } finally {
    times.ms[stage] += performance.now() - t;
    times.runs[stage] += 1;
  }
}

/** Adds `b` into `a`. */
export function addStageTimes(a: StageTimes, b: StageTimes): void {
  for (const s of STAGES) {
    a.ms[s] += b.ms[s];
    a.runs[s] += b.runs[s];
  }
}

/** Rounded to whole milliseconds, for reports. */
export const roundedStages = (t: StageTimes): StageTimes => ({
  ms: Object.fromEntries(STAGES.map((s) => [s, Math.round(t.ms[s])])) as Record<Stage, number>,
  runs: { ...t.runs },
});
