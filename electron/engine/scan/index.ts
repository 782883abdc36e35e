export { scanHandlers } from './handlers';
export { scanMigrations } from './schema';
export { createDrivers, ScanService, splitDeviceId } from './service';
