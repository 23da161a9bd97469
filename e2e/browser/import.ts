/**
 * The import check: *Slant: Import Web Page…* run from the Command Palette on a page saved in
 * the workspace (one of the original pages in server/test/fixtures/import/), chosen through
 * VS Code's file dialog (in the browser, a path typed into a quick input). The new untitled
 * document must show the findings `slant check` reports for the same article written by hand.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { cliReport, normalise } from '../lib/sample.js';
import type { Check } from './checks.js';
import { waitFor } from './wait.js';
import { QUICK_MS } from './workbench.js';

const PAGE = 'harbour-courier';

export const IMPORT_CHECKS: Check[] = [
  {
    name: 'import-web-page',
    async run(ctx) {
      const fixtures = path.join(ctx.root, 'server/test/fixtures/import');
      const saved = path.join(ctx.workspace, `${PAGE}.html`);
      copyFileSync(path.join(fixtures, `${PAGE}.html`), saved);
      // The hand-written article is checked outside the workspace (the editor does not see it).
      const hand = path.join(mkdtempSync(path.join(tmpdir(), 'slant-e2e-import-')), `${PAGE}.md`);
      copyFileSync(path.join(fixtures, `${PAGE}.md`), hand);
      const expected = cliReport(ctx.root, hand);
      if (expected.findings.length === 0) throw new Error(`slant check finds nothing in ${PAGE}.md: the check would prove nothing`);

      await ctx.bench.press('Escape');
      await ctx.bench.runCommand('Slant: Import Web Page…');
      // The browser's file dialog: a quick input holding a path; type the page's path and accept.
      const input = ctx.bench.page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: QUICK_MS });
      // The dialog first shows a path, then lists the folder it opened in and may set the path
      // again: wait until the page is listed, so a path typed now is not overwritten.
      await waitFor('the file dialog to show a path', QUICK_MS, async () => (await input.inputValue()).startsWith('/'), () => input.inputValue());
      const listed = ctx.bench.page.locator('.quick-input-list .monaco-list-row', { hasText: `${PAGE}.html` });
      await listed.first().waitFor({ timeout: QUICK_MS }).catch(() => undefined);
      let steady = 0;
      await waitFor('the typed path to stay in the file dialog', QUICK_MS, async () => {
        if ((await input.inputValue()) === saved) return ++steady >= 3;
        steady = 0;
        await input.fill(saved);
        return false;
      }, () => input.inputValue());
      await ctx.bench.press('Enter');
      await ctx.bench.page.locator('.tab.active[aria-label*="Untitled"]').waitFor({ timeout: QUICK_MS });
      const editor = ctx.bench.page.locator('.editor-instance .view-lines').first();
      await waitFor('the imported article in the new editor', QUICK_MS, async () => normalise(await editor.innerText({ timeout: 500 })).includes('outlet: The Harbour Courier'), async () => normalise(await editor.innerText({ timeout: 500 })).slice(0, 200));
      await ctx.bench.waitForStatus(expected.summary.byCategory);
    },
  },
];
