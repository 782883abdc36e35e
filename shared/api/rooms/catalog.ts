import { z } from 'zod';
import { call, FileOut } from '../define';
import { Procedure } from '../types';

/** `catalog.nationalDiff`: each local procedure beside the national database's (LayThuTuc). */
export const NationalDiff = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      /** False: the national database has no procedure with this code. */
      found: z.boolean(),
      localName: z.string(),
      localField: z.string(),
      nationalName: z.string().nullable(),
      nationalField: z.string().nullable(),
      differs: z.array(z.enum(['name', 'field'])),
    }),
  ),
});
export type NationalDiff = z.infer<typeof NationalDiff>;
/** A procedure as the picker lists it: `sample` when it came with the app (thủ tục mẫu), not from the province's file. */
export const ListedProcedure = Procedure.extend({ sample: z.boolean().optional() });
export type ListedProcedure = z.infer<typeof ListedProcedure>;

export const catalogCalls = {
  'catalog.list': call(z.object({}), z.array(ListedProcedure)),
  /** Replaces the catalogue from a JSON or XLSX file, validated whole before anything is written. */
  'catalog.import': call(
    z.object({ fileName: z.string().min(1).max(255), dataBase64: z.string().min(1) }),
    z.object({
      imported: z.number().int(),
      procedures: z.array(Procedure),
      /** Codes a national procedure list names that the station does not have (not imported). */
      skipped: z.array(z.string()).optional(),
    }),
    'supervisor',
  ),
  /** Reads every local procedure from the national database (DVCQG dialect only); changes nothing. */
  'catalog.nationalDiff': call(z.object({}), NationalDiff, 'supervisor'),
  /**
   * Giờ chốt nhận hồ sơ of one procedure ("HH:mm"; null: none): a dossier received after it counts
   * from the next working day. Dossiers already received keep the time they were received with.
   */
  'catalog.setCutoff': call(
    z.object({
      code: z.string().min(1).max(64),
      cutoffTime: z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:mm')
        .nullable(),
    }),
    Procedure,
    'supervisor',
  ),
  'catalog.export': call(z.object({ format: z.enum(['json', 'xlsx']) }), FileOut),
} as const;
