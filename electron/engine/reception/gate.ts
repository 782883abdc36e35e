import { StationError } from '../../../shared/api/errors';
import { SAMPLE_LABEL } from '../../../shared/i18n/setup-labels';
import type { Settings } from '../settings';

/**
 * Outside training mode a dossier is received for real: its receipt and the portal carry the
 * unit's name, agency code, hotline and look-up address, so none of them may still be the
 * shipped sample (docs/architecture.md, "First-run setup").
 */
export function assertReceptionReady(settings: Settings): void {
  if (settings.trainingMode()) return;
  const samples = settings.samples();
  if (samples.length === 0) return;
  throw new StationError(
    'setup_sample_values',
    { missing: samples.map((k) => SAMPLE_LABEL[k]).join(', ') },
    `sample settings: ${samples.join(', ')}`,
  );
}
