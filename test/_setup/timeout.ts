// The tier's timeout for every test and hook of a file (jest.config.js sets `tierTimeoutMs` per
// project); a file or a test that needs longer still says so itself.
const tier = (globalThis as { tierTimeoutMs?: number }).tierTimeoutMs;
if (tier !== undefined) jest.setTimeout(tier);
