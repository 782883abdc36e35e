export { imagingHandlers } from './handlers';
export { ImagingService } from './service';
