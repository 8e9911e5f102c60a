export { FloeError, isFloeError, type FloeErrorOptions } from './floe-error.js';
export { isRetryableCategory, type ErrorCategory } from './error-category.js';
