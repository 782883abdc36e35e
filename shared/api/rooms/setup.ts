import { z } from 'zod';
import { call } from '../define';
import { Password, Session, Username } from './accounts';
import { SettingsPatch } from './settings';

/**
 * Thiết lập trạm — the first-run setup: what a new station must be told before it receives a
 * dossier for real. The settings below ship with a sample value ("(mẫu)", the Quảng Nam sample
 * agency code and look-up address); outside training mode, reception is refused while any of
 * them has not been set by the unit (`setup_sample_values`).
 */
export const SAMPLE_SETTINGS = ['unitName', 'governingAgency', 'agencyCode', 'hotline', 'lookupUrl'] as const;
export const SampleSetting = z.enum(SAMPLE_SETTINGS);
export type SampleSetting = z.infer<typeof SampleSetting>;

export const SetupStatus = z.object({
  /** Accounts exist: the wizard has been completed (or the station was set up before it existed). */
  hasAccounts: z.boolean(),
  /** No real portal yet: the training portal answers, and reception may go on with sample values. */
  trainingMode: z.boolean(),
  /** The settings still holding their shipped sample value, in the order of the wizard. */
  samples: z.array(SampleSetting),
  /** Reception is refused: outside training mode with a sample value left. */
  receptionBlocked: z.boolean(),
});
export type SetupStatus = z.infer<typeof SetupStatus>;

/** What the wizard saves in one go, beside the first administrator. */
export const SetupSettings = SettingsPatch.pick({
  unitName: true,
  governingAgency: true,
  agencyCode: true,
  stationCode: true,
  hotline: true,
  lookupUrl: true,
  officeHours: true,
})
  .required()
  .extend({
    /** Network scanners entered by address in the wizard's scanner step. */
    esclUrls: z.array(z.string().url()).max(20).optional(),
  });
export type SetupSettings = z.infer<typeof SetupSettings>;

export const setupCalls = {
  'setup.status': call(z.object({}), SetupStatus, 'public'),
  /**
   * Ends the first-run wizard: saves the unit's settings and makes the first administrator,
   * signed in at once. Only on a station without accounts (`accounts_exist` otherwise).
   */
  'setup.complete': call(
    z.object({
      admin: z.object({ username: Username, name: z.string().trim().min(2).max(120), password: Password }),
      settings: SetupSettings,
    }),
    Session,
    'public',
  ),
} as const;
