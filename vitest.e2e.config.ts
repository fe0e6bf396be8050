import { defineConfig } from 'vitest/config';

/**
 * Browser tests: `npm run build` first, then `npm run test:e2e`. Each file serves the built web app
 * (dist/web) from a real server on a copy of the demo database and drives the system Chromium.
 * Screenshots go to artifacts/e2e/.
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup-clock.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    // A browser test that fails is not retried: the screenshot of the failure is the evidence.
    retry: 0,
    // Every wait is for something that will come: generous on a busy two-core machine, never a fixed sleep.
    expect: { poll: { timeout: 20_000, interval: 100 } },
  },
});
