import { defineConfig } from 'vitest/config'

// Separate from vite.config.ts: the React Router plugin must not run under vitest.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'app/**/*.test.ts'],
    setupFiles: ['tests/setup/setup.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
  },
})
