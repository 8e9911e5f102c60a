export { FloeError, isFloeError } from './floe-error.js';
