import { z } from 'zod';
import { AppError } from '../types';
import { call, Id } from '../define';

export const BatchReport = z.object({
  imported: z.array(z.object({ folder: z.string(), dossierId: Id, code: z.string().nullable() })),
  skipped: z.array(z.object({ folder: z.string(), reason: z.string() })),
  refused: z.array(z.object({ folder: z.string(), error: AppError })),
});
export type BatchReport = z.infer<typeof BatchReport>;

export const batchCalls = {
  /** Imports a folder of dossiers prepared elsewhere (DIR/<name>/dossier.json). */
  'batch.import': call(z.object({ dir: z.string().min(1) }), BatchReport),
} as const;
