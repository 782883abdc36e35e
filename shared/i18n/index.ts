export { ui, type UiMessages } from './ui';
export { errorMessage, interpolate, type Lang } from './errors';
export { plainError, type PlainError } from './plain-error';
