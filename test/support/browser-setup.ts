import { jest } from '@jest/globals';

// jest reads `testTimeout` from the global configuration only, never from a project's, so the
// browser project sets its longer timeout here: a crawl of every page of a role is one test.
jest.setTimeout(240_000);
