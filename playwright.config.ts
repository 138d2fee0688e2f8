import { defineConfig } from '@playwright/test';
import { startFlags } from './tests/support/server-process.js';

const PORT = Number(process.env.E2E_PORT ?? 3107);
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? 'tmp/e2e-data';

/** Real Chromium from Debian, against the real server on the embedded database with the demo data. */
export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'fr-CA',
    timezoneId: 'America/Toronto',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // The browser in French, as a service point's workstation is (date inputs read jj/mm/aaaa; needs the
      // chromium-l10n package, which scripts/ensure-chromium.sh installs).
      env: { ...process.env, LANG: 'fr_CA.UTF-8', LANGUAGE: 'fr_CA:fr' },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `rm -rf ${E2E_DATA_DIR} && npx tsx ${startFlags().join(' ')} src/server/main.ts`,
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: E2E_DATA_DIR,
      NODE_ENV: 'development',
      DEMO: '1',
      LOG_LEVEL: 'warn',
    },
  },
});
