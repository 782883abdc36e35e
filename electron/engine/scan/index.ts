export { scanHandlers } from './api';
export { scanMigrations } from './schema';
export { ScanService, splitDeviceId } from './service';
