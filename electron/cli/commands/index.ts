import { agencyCommands } from './agency';
import { auditCommands } from './audit';
import { catalogCommands } from './catalog';
import { correctionCommands } from './correction';
import { dossierCommands } from './dossier';
import { formCommands } from './forms';
import { holidayCommands } from './holidays';
import type { Command } from './kit';
import { logCommands } from './log';
import { feedbackCommands } from './feedback';
import { paymentCommands } from './payment';
import { pdfCommands } from './pdf';
import { privacyCommands } from './privacy';
import { scanCommands } from './scan';
import { outboxCommands } from './outbox';
import { receptionCommands } from './reception';
import { reportsCommands } from './reports';
import { settingsCommands } from './settings';
import { signCommands } from './sign';
import { userCommands } from './user';
import { webCommands } from './web';

export { type CliContext, type Command, UsageError } from './kit';

/** Every `sohoa` command, by the words that name it. A room adds its file and one line here. */
export const commands: Record<string, Command> = {
  ...catalogCommands,
  ...dossierCommands,
  ...receptionCommands,
  ...formCommands,
  ...holidayCommands,
  ...correctionCommands,
  ...scanCommands,
  ...pdfCommands,
  ...signCommands,
  ...outboxCommands,
  ...paymentCommands,
  ...feedbackCommands,
  ...reportsCommands,
  ...auditCommands,
  ...privacyCommands,
  ...settingsCommands,
  ...logCommands,
  ...userCommands,
  ...webCommands,
  ...agencyCommands,
};
