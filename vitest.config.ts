import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{core,sync,electron,scripts,renderer,bench}/**/*.test.{ts,tsx}', 'tests/lint/**/*.test.ts'],
          exclude: ['**/*.built.test.ts', '**/node_modules/**'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Tests of compiled output (e.g. the sync pull worker): run by test:e2e after the build.
        test: {
          name: 'built',
          include: ['{core,sync,electron,scripts}/**/*.built.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          // One Chromium at a time: CI has two cores.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
