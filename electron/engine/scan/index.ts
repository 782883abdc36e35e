export { scanHandlers } from './api';
export { scanMigrations } from './schema';
export { createDrivers, ScanService, splitDeviceId } from './service';
