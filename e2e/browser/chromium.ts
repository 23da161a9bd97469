/** Debian's Chromium, headless, through playwright-core (which never downloads a browser here). */
import { chromium, type Browser } from 'playwright-core';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** SLANT_E2E_CHROMIUM names another Chromium (default /usr/bin/chromium). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.SLANT_E2E_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ARGS });
}
