export type { OciProvidedContext } from './provided-context.js';
export { buildGoTools } from './go-tools.js';
export { startTestRegistry, type TestRegistry, type TestRegistryAuth } from './test-registry.js';
export { startTokenServer, type TestTokenServer } from './token-server.js';
