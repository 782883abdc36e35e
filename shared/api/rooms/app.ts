import { z } from 'zod';
import { call } from '../define';

export const appCalls = {
  'app.info': call(
    z.object({}),
    z.object({ version: z.string(), dataDir: z.string(), trainingMode: z.boolean() }),
    'public',
  ),
} as const;
