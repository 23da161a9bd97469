/**
 * `npm run test:vscode`: the mocha suite in suite/ inside a real VS Code, with the extension
 * loaded from this checkout (run `npm run build` first; the npm script does) and a copy of the
 * bundled samples as the workspace.
 *
 *   npm run test:vscode                    desktop VS Code, downloaded by @vscode/test-electron into
 *                                          the cache folder (needs the internet once; without it,
 *                                          says so and exits 1)
 *   npm run test:vscode -- --code-server   the same suite in code-server's extension host (VS Code
 *                                          1.100.3 from the npm registry), in headless Chromium:
 *                                          for machines that cannot download VS Code
 *
 * Environment: SLANT_VSCODE_VERSION (default "stable"), SLANT_E2E_CACHE (default ~/.cache/slant-e2e).
 */
import { build } from 'esbuild';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { launchChromium } from '../browser/chromium.js';
import { CodeServer } from '../browser/code-server.js';
import { installCodeServer } from '../browser/install.js';

const root = path.resolve(import.meta.dirname, '../..');
const out = path.join(root, 'out', 'e2e-vscode');
const suiteEntry = path.join(out, 'index.cjs');
const cache = process.env.SLANT_E2E_CACHE ?? path.join(homedir(), '.cache', 'slant-e2e');
const version = process.env.SLANT_VSCODE_VERSION ?? 'stable';
/** Marks the suite's output among the workbench's console messages (suite/index.ts adds it). */
const SUITE_TAG = '[slant-suite] ';
/** The whole suite, startup included. */
const SUITE_TIMEOUT_MS = 5 * 60_000;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The suite runs in VS Code's extension host, which loads CommonJS: bundle it, leaving `vscode`
 * (given by the host) and mocha (one instance shared by the runner and the tests) outside.
 */
async function bundleSuite(): Promise<void> {
  await build({
    entryPoints: [path.join(import.meta.dirname, 'suite/index.ts'), path.join(import.meta.dirname, 'suite/slant.test.ts')],
    outdir: out,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
}

async function inDesktopVSCode(home: string, workspace: string): Promise<number> {
  let executable: string;
  try {
    executable = await downloadAndUnzipVSCode({ version, cachePath: path.join(cache, 'vscode'), timeout: 30_000 });
  } catch (error) {
    console.error(
      `test:vscode: could not download VS Code ${version} (${message(error)}).\n` +
        'This suite needs the internet once, to fetch VS Code into the cache folder. Without it, run the\n' +
        'suite in code-server (`npm run test:vscode -- --code-server`) or the browser e2e (`npm run test:e2e`).',
    );
    return 1;
  }
  return runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: root,
    extensionTestsPath: suiteEntry,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--user-data-dir', path.join(home, 'user-data')],
  });
}

/**
 * The VS Code web workbench runs extension tests named in its `payload` in the server's extension
 * host and, when they end, calls `window.codeAutomationExit(code)`; their console output comes
 * through `window.codeAutomationLog`. (This is how VS Code's own browser integration tests run.)
 */
async function inCodeServer(home: string, workspace: string): Promise<number> {
  const server = new CodeServer({ binary: installCodeServer(root), home, env: { SLANT_SUITE_TAG: SUITE_TAG } });
  const browser = await launchChromium().catch(async (error: unknown) => {
    throw new Error(`starting Chromium: ${message(error)}`);
  });
  try {
    await server.start();
    const page = await browser.newPage();
    const exited = new Promise<number>((resolve) => void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code)));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      // The page's console carries the workbench's own messages too: print only the suite's lines.
      const line = format(...args);
      if (line.startsWith(SUITE_TAG)) (type === 'error' ? console.error : console.log)(line.slice(SUITE_TAG.length));
    });
    await page.goto(server.url(workspace, { extensionDevelopmentPath: root, extensionTestsPath: suiteEntry }));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        console.error(`test:vscode: the suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s; code-server's log: ${server.logFile}`);
        resolve(1);
      }, SUITE_TIMEOUT_MS);
    });
    const code = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    return code;
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
  }
}

async function main(): Promise<number> {
  await bundleSuite();
  const home = mkdtempSync(path.join(tmpdir(), 'slant-vscode-'));
  const workspace = path.join(home, 'workspace');
  cpSync(path.join(root, 'samples'), workspace, { recursive: true });
  try {
    return await (process.argv.includes('--code-server') ? inCodeServer(home, workspace) : inDesktopVSCode(home, workspace));
  } catch (error) {
    console.error(`test:vscode: ${message(error)}`);
    return 1;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

process.exitCode = await main();
