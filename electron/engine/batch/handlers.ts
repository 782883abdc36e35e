import type { batchCalls } from '../../../shared/api/rooms/batch';
import type { RoomHandlers } from '../context';
import type { BatchImport } from './service';

export function batchHandlers(batch: BatchImport): RoomHandlers<keyof typeof batchCalls> {
  return {
    'batch.import': (p) => batch.run(p.dir),
  };
}
