import { z } from 'zod';
import type { StationSettings } from './rooms/settings';

/**
 * Where the Electron shell looks for updates, as the engine tells it (not a call: a status
 * message on the utility process's parentPort, see docs/architecture.md "Updates").
 * `url` '' = updates off.
 */
export const UpdateFeed = z.object({
  url: z.string(),
  channel: z.enum(['latest', 'beta']),
});
export type UpdateFeed = z.infer<typeof UpdateFeed>;

export function updateFeedOf(settings: Pick<StationSettings, 'updateUrl' | 'updateChannel'>): UpdateFeed {
  return { url: settings.updateUrl, channel: settings.updateChannel };
}
