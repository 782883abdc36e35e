import fc from 'fast-check';

/**
 * The fuzz tests' settings: seeded (the same inputs every run, so a failure is
 * reproducible; FUZZ_SEED=<n> tries others), few runs, and each property cut off after
 * a time limit so the whole folder stays well under a minute in `npm test`.
 */
export const SEED = Number(process.env.FUZZ_SEED ?? 19);

export function fuzz<T>(runs: number, timeLimitMs = 4000): fc.Parameters<T> {
  return { seed: SEED, numRuns: runs, plugins: [fc.interruptAfterTimeLimit(timeLimitMs)] };
}

/** How long `fn` takes, in milliseconds. */
export async function timed<R>(fn: () => R | Promise<R>): Promise<{ ms: number; value: R }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

/** Text as it may come off a keyboard wedge, a file or the network: any code points, lone surrogates and control bytes included. */
export const anyText = (maxLength = 400) =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength, size: 'max' }),
    fc.string({
      unit: fc.constantFrom('|', '\n', '\r', '\t', '0', '9', ' ', 'Ă', '\u0000', '\ufeff'),
      maxLength,
    }),
  );

/** `base` with a few of its characters replaced, dropped or repeated: a damaged copy of a valid input. */
export const mutated = (base: string) =>
  fc
    .array(
      fc.tuple(
        fc.nat({ max: Math.max(0, base.length) }),
        fc.constantFrom('drop', 'dup', 'swap', 'cut'),
        fc.string({ minLength: 1, maxLength: 1 }),
      ),
      {
        minLength: 1,
        maxLength: 6,
      },
    )
    .map((edits) => {
      let s = base;
      for (const [at, kind, c] of edits) {
        const i = Math.min(at, s.length);
        if (kind === 'drop') s = s.slice(0, i) + s.slice(i + 1);
        else if (kind === 'dup') s = s.slice(0, i) + s.slice(i, i + 8).repeat(3) + s.slice(i + 8);
        else if (kind === 'swap') s = s.slice(0, i) + c + s.slice(i + 1);
        else s = s.slice(0, i);
      }
      return s;
    });
