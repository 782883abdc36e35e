export { createReportsRoom } from './handlers';
export { colourLevel, computeFigures, workWeek } from './figures';
