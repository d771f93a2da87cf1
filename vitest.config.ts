import { defineConfig } from 'vitest/config';
import { testEnvironment } from './test/support/test-environment.js';

// The AWS SDK warns on Node 20 (Lambda runs 24); silenced for the test run only.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export default defineConfig({
  test: {
    env: testEnvironment,
    // One file at a time (Vitest's default on 2 cores): two at a time measured no faster (each file took twice as long; the
    // cores are saturated), so files share DynamoDB Local and local SES only through their own table and office address.
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: ['test/integration/rsvp-contention.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/table-per-file.ts'],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // Hundreds of simultaneous RSVPs in one local process: run alone (npm test runs it after the others), not beside the other suites on 2 cores.
          name: 'contention',
          include: ['test/integration/rsvp-contention.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/table-per-file.ts'],
          testTimeout: 180_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // Thousands of invitations, and a local stack killed mid-run: not part of npm test (npm run test:volume), one file at a time, each raising the send rate for itself.
          name: 'volume',
          include: ['test/volume/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/table-per-file.ts'],
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/table-per-file.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      { extends: true, test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 120_000 } },
    ],
  },
});
