import { afterAll, jest } from '@jest/globals';
import { closeFileBrowser } from './browser.js';

// jest reads `testTimeout` from the global configuration only, never from a project's, so the
// browser project sets its longer timeout here: a crawl of every page of a role is one test.
jest.setTimeout(240_000);

// The file's one Chromium (browser.ts shares it between the apps a file starts) closes with the file.
afterAll(() => closeFileBrowser());
