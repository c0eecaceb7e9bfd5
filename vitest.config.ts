import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests spawn the built CLI and integration tests share one Elasticsearch node:
    // give them room, but never retry (a flaky test is a bug to fix, not to hide).
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['test/support/buildOnce.ts'],
  },
});
