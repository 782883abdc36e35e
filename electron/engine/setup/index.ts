export { setupHandlers } from './handlers';
