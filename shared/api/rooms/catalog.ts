import { z } from 'zod';
import { call, FileOut } from '../define';
import { Procedure } from '../types';

/** A procedure as the picker lists it: `sample` when it came with the app (thủ tục mẫu), not from the province's file. */
export const ListedProcedure = Procedure.extend({ sample: z.boolean().optional() });
export type ListedProcedure = z.infer<typeof ListedProcedure>;

export const catalogCalls = {
  'catalog.list': call(z.object({}), z.array(ListedProcedure)),
  /** Replaces the catalogue from a JSON or XLSX file, validated whole before anything is written. */
  'catalog.import': call(
    z.object({ fileName: z.string().min(1).max(255), dataBase64: z.string().min(1) }),
    z.object({ imported: z.number().int(), procedures: z.array(Procedure) }),
    'supervisor',
  ),
  'catalog.export': call(z.object({ format: z.enum(['json', 'xlsx']) }), FileOut),
} as const;
