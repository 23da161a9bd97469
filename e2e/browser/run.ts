/**
 * `npm run test:e2e`: Slant in a real VS Code. Installs (or reuses) code-server outside the
 * repository, packages the extension, installs the .vsix into a fresh extensions folder, opens a
 * copy of the bundled samples and drives Debian's Chromium through CHECKS (checks.ts).
 *
 * Screenshots of every step go to .e2e/run-<time>/; on failure code-server's logs are kept there
 * too. Environment: SLANT_E2E_CACHE (install folder, default ~/.cache/slant-e2e),
 * SLANT_E2E_CHROMIUM (default /usr/bin/chromium), SLANT_E2E_KEEP=1 (keep the scratch folder).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { CHECKS } from './checks.js';
import { launchChromium } from './chromium.js';
import { CodeServer } from './code-server.js';
import { installCodeServer } from './install.js';
import { MemorySampler } from './memory.js';
import { runUntrusted } from './untrusted.js';
import { Workbench } from './workbench.js';

const root = path.resolve(import.meta.dirname, '../..');
const VIEWPORT = { width: 1000, height: 650 };

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const log = (message: string) => console.log(`e2e: ${message}`);

/** Runs a setup step, printing how long it took. */
function timed<T>(what: string, step: () => T): T {
  const started = Date.now();
  const result = step();
  log(`${what} (${seconds(started)})`);
  return result;
}

async function main(): Promise<number> {
  const started = Date.now();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const runDir = path.join(root, '.e2e', `run-${stamp}`);
  mkdirSync(runDir, { recursive: true });

  const binary = timed('code-server ready', () => installCodeServer(root));
  timed('extension packaged', () => execFileSync('npm', ['run', 'package', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] }));

  const home = mkdtempSync(path.join(tmpdir(), 'slant-e2e-'));
  const workspace = path.join(home, 'workspace');
  cpSync(path.join(root, 'samples'), workspace, { recursive: true });
  const server = new CodeServer({ binary, home, vsix: path.join(root, 'slant.vsix') });
  const memory = new MemorySampler();
  let browser: Browser | undefined;
  let failed = false;
  try {
    const serverStarted = Date.now();
    await server.start();
    log(`code-server started with the .vsix installed (${seconds(serverStarted)})`);
    browser = await launchChromium();
    memory.start();
    const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
    const bench = new Workbench(page);
    const browserStarted = Date.now();
    await bench.open(server.url(workspace));
    log(`workbench loaded (${seconds(browserStarted)})`);
    for (const [i, check] of CHECKS.entries()) {
      const shot = path.join(runDir, `${String(i + 1).padStart(2, '0')}-${check.name}`);
      const checkStarted = Date.now();
      try {
        await check.run({ bench, root, workspace });
      } catch (error) {
        failed = true;
        await page.screenshot({ path: `${shot}-FAILED.png` }).catch(() => undefined);
        console.error(`e2e: FAILED ${check.name}: ${error instanceof Error ? error.message : String(error)}`);
        break;
      }
      await page.screenshot({ path: `${shot}.png` });
      log(`ok ${check.name} (${seconds(checkStarted)})`);
    }
    log(`browser checks done (${seconds(browserStarted)})`);
  } catch (error) {
    failed = true;
    console.error(`e2e: FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    memory.stop();
    await browser?.close().catch(() => undefined);
    await server.stop();
    if (failed) {
      for (const from of [server.logsDir, server.logFile]) {
        if (existsSync(from)) cpSync(from, path.join(runDir, 'logs', path.basename(from)), { recursive: true });
      }
    }
    if (process.env.SLANT_E2E_KEEP !== '1') rmSync(home, { recursive: true, force: true });
  }
  // Then the same extension in an untrusted workspace full of hostile files (its own code-server).
  if (!failed) {
    const untrustedStarted = Date.now();
    try {
      await runUntrusted({ binary, root, runDir, viewport: VIEWPORT, log });
      log(`ok untrusted-workspace (${seconds(untrustedStarted)})`);
    } catch (error) {
      failed = true;
      console.error(`e2e: FAILED untrusted-workspace: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const peak = memory.peakBytes > 0 ? `, peak memory of code-server and Chromium ${(memory.peakBytes / 2 ** 30).toFixed(1)} GB` : '';
  log(`${failed ? 'FAILED' : 'passed'} in ${seconds(started)}${peak}; screenshots${failed ? ' and logs' : ''} in ${path.relative(root, runDir)}`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
