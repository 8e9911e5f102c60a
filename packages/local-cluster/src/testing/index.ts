export { createTestNamespace, eventually, type TestNamespace } from './test-namespace.js';
