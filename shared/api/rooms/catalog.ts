import { z } from 'zod';
import { call } from '../define';
import { Procedure } from '../types';

export const catalogCalls = {
  'catalog.list': call(z.object({}), z.array(Procedure)),
} as const;
