export { imagingHandlers } from './handlers';
export { type ImagingOptions, ImagingService } from './service';
