import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Site and browser tests build real sites and start real programs; two cores, so few at once.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: "forks",
    maxWorkers: 2,
    setupFiles: ["tests/support/register-tsx.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
  },
});
