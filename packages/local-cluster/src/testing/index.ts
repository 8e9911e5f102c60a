export type { FloeProvidedContext } from './provided-context.js';
export { createTestNamespace, eventually, type TestNamespace } from './test-namespace.js';
