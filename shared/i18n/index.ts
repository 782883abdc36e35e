export { ui, type UiMessages } from './ui';
export { errorMessage, interpolate, type Lang } from './errors';
