/**
 * The untrusted-workspace run of `npm run test:e2e`: a second code-server with workspace trust
 * on (no prompt, so the folder opens in Restricted Mode) opens a workspace whose `.slant/`
 * holds hostile files (a config linked to /dev/zero, a FIFO, a huge sparse file, and a valid
 * lexicon that would add findings if it were read). Slant must read none of them: the sample
 * shows exactly the built-in findings (as `slant check --no-config` counts them), "Ignore in
 * this workspace" is not offered, the server keeps answering hovers, and nothing is written.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, ftruncateSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { cliReport, findingAt, FLAGGED, place, SAMPLE } from '../lib/sample.js';
import { launchChromium } from './chromium.js';
import { CodeServer } from './code-server.js';
import { SLOW_MS, Workbench } from './workbench.js';

/** A lexicon that flags a word the sample uses and the built-in lexicon does not: read, it would change the counts. */
const PLANTED_LEXICON = JSON.stringify({ entries: [{ id: 'ankara', patterns: ['Ankara'], kind: 'label', note: 'Planted by the e2e test: must never be read in an untrusted workspace.' }] });

/** The sample plus a `.slant/` of files that must not be read. */
function hostileWorkspace(root: string, home: string): string {
  const workspace = path.join(home, 'workspace');
  const slant = path.join(workspace, '.slant');
  mkdirSync(slant, { recursive: true });
  copyFileSync(path.join(root, 'samples', SAMPLE), path.join(workspace, SAMPLE));
  symlinkSync('/dev/zero', path.join(slant, 'config.json'));
  symlinkSync('/dev/zero', path.join(slant, 'zero.lexicon.json'));
  if (spawnSync('mkfifo', [path.join(slant, 'pipe.lexicon.json')]).status !== 0) throw new Error('mkfifo failed');
  const fd = openSync(path.join(slant, 'huge.lexicon.json'), 'w');
  ftruncateSync(fd, 256 * 1024 * 1024);
  closeSync(fd);
  writeFileSync(path.join(slant, 'planted.lexicon.json'), PLANTED_LEXICON);
  return workspace;
}

export interface UntrustedRun {
  binary: string;
  root: string;
  /** Where screenshots go. */
  runDir: string;
  viewport: { width: number; height: number };
  log(message: string): void;
}

/** Runs the untrusted checks; throws with what went wrong. */
export async function runUntrusted(options: UntrustedRun): Promise<void> {
  const home = mkdtempSync(path.join(tmpdir(), 'slant-e2e-untrusted-'));
  const workspace = hostileWorkspace(options.root, home);
  const server = new CodeServer({ binary: options.binary, home, vsix: path.join(options.root, 'slant.vsix'), trust: 'restricted' });
  let browser: Browser | undefined;
  let page: Page | undefined;
  try {
    await server.start();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: options.viewport })).newPage();
    const bench = new Workbench(page);
    await bench.open(server.url(workspace));
    await page.locator('[id="status.workspaceTrust"]').waitFor({ timeout: SLOW_MS });
    options.log('untrusted: the workspace opened in Restricted Mode');

    const file = path.join(workspace, SAMPLE);
    const text = readFileSync(file, 'utf8');
    const expected = cliReport(options.root, file);
    const flagged = findingAt(expected, place(text, FLAGGED).offset);
    await bench.openFile(SAMPLE);
    const at = place(text, FLAGGED);
    await bench.goTo(at.line, at.column);
    await bench.waitForSquiggles(`a squiggle under "${FLAGGED.text}"`, FLAGGED.text, FLAGGED.context, (s) => s.length > 0, SLOW_MS);
    // Exactly the built-in findings: the planted lexicon (and every other file in .slant/) was not read.
    await bench.waitForStatus(expected.summary.byCategory);
    // The server answers a hover (it did not hang on the files), then the quick fixes.
    await bench.hover(flagged.note.slice(0, 80));
    await bench.press('Escape');
    await page.locator('.monaco-hover:visible').waitFor({ state: 'hidden', timeout: SLOW_MS });
    const titles = await bench.focusQuickFix(`Annotate “${FLAGGED.text}” as reviewed`);
    if (titles.some((t) => t.includes('in this workspace'))) throw new Error(`an untrusted workspace offers: ${titles.join(' | ')}`);
    await page.screenshot({ path: path.join(options.runDir, 'untrusted-restricted-mode.png') });
    await bench.press('Escape');
    if (!lstatSync(path.join(workspace, '.slant', 'config.json')).isSymbolicLink()) throw new Error('.slant/config.json was replaced');
    const names = readdirSync(path.join(workspace, '.slant')).sort();
    if (names.join(' ') !== 'config.json huge.lexicon.json pipe.lexicon.json planted.lexicon.json zero.lexicon.json') throw new Error(`.slant/ changed: ${names.join(' ')}`);
    options.log('untrusted: built-in findings only, no "Ignore in this workspace", the server answers, nothing written');
  } catch (error) {
    await page?.screenshot({ path: path.join(options.runDir, 'untrusted-FAILED.png') }).catch(() => undefined);
    throw error;
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
    if (process.env.SLANT_E2E_KEEP !== '1') rmSync(home, { recursive: true, force: true });
  }
}
