// `@floe/spec/identity`: which platform a file names, without the schemas (see readPlatformIdentity).
export { readPlatformIdentity, type PlatformIdentity } from './load/platform-identity.js';
export { SpecValidationError } from './issues/spec-validation-error.js';
export type { SpecIssue } from './issues/spec-issue.js';
