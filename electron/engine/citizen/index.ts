export { CitizenScreen, type CitizenOptions } from './service';
export { citizenHandlers } from './handlers';
export { maskId } from './mask';
export { codeOf } from './lookup';
