import { catalogMigrations } from './catalog/schema';
import { receptionMigrations } from './reception/schema';
import { dossierMigrations } from './dossier/schema';
import { imagingMigrations } from './imaging/schema';
import { scanMigrations } from './scan/schema';
import { settingsMigrations } from './settings/schema';
import { signMigrations } from './sign/schema';
import { outboxMigrations } from './outbox/schema';
import { reportsMigrations } from './reports/schema';
import { officerMigrations } from './reception/officer-schema';
import { auditMigrations } from './audit';
import { accountsMigrations } from './accounts/schema';
import { paymentMigrations } from './payment/schema';
import { batchMigrations } from './batch/schema';
import { documentsMigrations } from './documents/schema';
import { privacyMigrations } from './privacy/schema';
import { feedbackMigrations } from './feedback/schema';
import { registerMigrations } from './reception/register';
import { agencyMigrations } from './agency/schema';
import { outboxEventMigrations } from './outbox/events-schema';
import type { Migration } from './store/migrations';

/** Every room's migrations, in the order they are applied on a new database. Append; never reorder. */
export const ALL_MIGRATIONS: Migration[] = [
  ...settingsMigrations,
  ...catalogMigrations,
  ...dossierMigrations,
  ...receptionMigrations,
  ...scanMigrations,
  ...outboxMigrations,
  ...signMigrations,
  ...imagingMigrations,
  ...reportsMigrations,
  ...officerMigrations,
  ...auditMigrations,
  ...accountsMigrations,
  ...paymentMigrations,
  ...batchMigrations,
  ...documentsMigrations,
  ...privacyMigrations,
  ...feedbackMigrations,
  ...registerMigrations,
  ...agencyMigrations,
  // Last: rebuilds outbox_items with every column the rooms above added.
  ...outboxEventMigrations,
];
