import { z } from 'zod';
import { call, FileOut } from '../define';
import { Procedure } from '../types';

export const catalogCalls = {
  'catalog.list': call(z.object({}), z.array(Procedure)),
  /** Replaces the catalogue from a JSON or XLSX file, validated whole before anything is written. */
  'catalog.import': call(
    z.object({ fileName: z.string().min(1).max(255), dataBase64: z.string().min(1) }),
    z.object({ imported: z.number().int(), procedures: z.array(Procedure) }),
    'supervisor',
  ),
  'catalog.export': call(z.object({ format: z.enum(['json', 'xlsx']) }), FileOut),
} as const;
