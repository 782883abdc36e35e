import type { z } from 'zod';
import { StationError } from '../../../shared/api/errors';

type Refuse = (value: unknown) => StationError;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = input;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/**
 * Params the contract refused, as an error a clerk can act on: a field whose schema names its
 * own refusal (`params.refuse`, e.g. the postal price table) gives it, told the value it got;
 * anything else stays `invalid_request` with zod's text as the technical detail.
 */
export function refusalOf(error: z.ZodError, input: unknown): StationError {
  for (const issue of error.issues) {
    const refuse =
      issue.code === 'custom' ? (issue.params as { refuse?: unknown } | undefined)?.refuse : undefined;
    if (typeof refuse === 'function') return (refuse as Refuse)(valueAt(input, issue.path));
  }
  return new StationError('invalid_request', {}, error.message);
}
