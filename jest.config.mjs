const tsJest = ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }];
const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': tsJest },
};

/**
 * Unit tests beside the code; end-to-end tests against a real PostgreSQL in test/e2e; headless
 * Chromium driving the real app in test/browser (`npm run test:browser`).
 */
export default {
  // jest reads testTimeout from here only (a project's own is ignored): 30 s for an end-to-end test.
  testTimeout: 30000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/migrations/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
      // Each file starts the app and a Chromium; a crawl of every page of a role is one test.
      // The setup file gives them a longer timeout than the one above.
      setupFilesAfterEnv: ['<rootDir>/test/support/browser-setup.ts'],
    },
  ],
};
