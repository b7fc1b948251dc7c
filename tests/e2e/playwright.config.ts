import { defineConfig, devices } from '@playwright/test'

// Browser tests run against the built app, started the way the README starts it (`npm start`),
// on its own port and its own fresh database file.
const PORT = Number(process.env.E2E_PORT ?? 3100)
const DATABASE_PATH = `data/e2e-${PORT}/katapulta.db`

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Per port, so runs side by side (see E2E_PORT) do not clear each other's results.
  reporter: [['list'], ['json', { outputFile: PORT === 3100 ? '../.results/e2e.json' : `../.results/e2e-${PORT}.json` }]],
  outputDir: `../.results/e2e-artifacts-${PORT}`,
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: 'es-PE',
    timezoneId: 'America/Lima',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    command: `rm -rf data/e2e-${PORT} && npm start`,
    cwd: '../..',
    url: `http://localhost:${PORT}/ingresar`,
    env: { PORT: String(PORT), DATABASE_PATH },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
