export { Agencies, vnDay } from './service';
export { PostDesk, type DeskOutbox } from './desk';
export { agencyHandlers } from './handlers';
