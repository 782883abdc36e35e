export { createLog, envLogLevel, silentLog, type Log, type LogOptions } from './logger';
export { errorDetail, pickFields, type LogFields } from './fields';
export { DailyLogFile } from './daily-file';
export { logHandlers } from './handlers';
export { exportSupport, supportZipName } from './support';
