// Domain modules' integration tests drive the real API through this door, so that nothing
// under a domain folder imports core/api (the layer that serves calls sits above them).
export { createApp, type App } from '../api/registry.js';
