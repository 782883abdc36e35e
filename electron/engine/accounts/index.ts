export { accountsHandlers } from './handlers';
export { accountsMigrations } from './schema';
export { Accounts } from './service';
