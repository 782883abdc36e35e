export * from './contract';
export * from './errors';
export * from './wire';
export * from './client';
export * from './bridge';
export * from './rooms/settings';
