/**
 * The VS Code workbench in a browser page, driven the way a user drives it: Quick Open, Go to
 * Line, the keyboard. Every read waits for a condition with a timeout.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { normalise } from '../lib/sample.js';
import type { DomDocument, DomRect, DomText } from './dom.js';
import { waitFor } from './wait.js';

/** Long enough for a cold start of code-server's extension host and Slant's server. */
export const SLOW_MS = 60_000;
/** For the editor reacting to an edit or a key. */
export const QUICK_MS = 15_000;

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export class Workbench {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('.monaco-workbench').waitFor({ timeout: SLOW_MS });
    // The explorer lists the workspace once the remote file system answers.
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: SLOW_MS });
  }

  /** Opens a workspace file with Quick Open (Ctrl+P) and waits for its editor to have focus. */
  async openFile(name: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: QUICK_MS });
    await input.fill(name);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: QUICK_MS });
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.tab.active[aria-label*="${name}"]`).waitFor({ timeout: QUICK_MS });
    await waitFor(`the editor of ${name} to have focus`, QUICK_MS, () => this.editorFocused());
  }

  /**
   * Runs a command from the Command Palette (F1) by its title: waits for it to be the focused
   * entry, then presses Enter.
   */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: QUICK_MS });
    await input.fill(`>${title}`);
    const focused = this.page.locator('.quick-input-list .monaco-list-row.focused');
    await waitFor(`"${title}" focused in the Command Palette`, QUICK_MS, async () => normalise(await focused.innerText({ timeout: 500 })).startsWith(title), () =>
      focused.innerText({ timeout: 500 }).catch(() => '(none)'),
    );
    await this.page.keyboard.press('Enter');
  }

  /**
   * The rows of the quick pick on screen once one contains each of `labels`: their text and
   * whether they are ticked (in a pick-many list).
   */
  async quickPickRows(labels: readonly string[]): Promise<{ text: string; checked: boolean }[]> {
    const rows = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    return waitFor(`a quick pick listing ${labels.join(', ')}`, QUICK_MS, async () => {
      const found = await rows.evaluateAll((els) =>
        els.map((el) => ({
          text: (el as unknown as { innerText: string }).innerText,
          checked: (el as unknown as { getAttribute(name: string): string | null }).getAttribute('aria-checked') === 'true',
        })),
      );
      const shown = found.map((r) => ({ ...r, text: normalise(r.text) }));
      return labels.every((l) => shown.some((r) => r.text.includes(l))) ? shown : null;
    }, async () => (await rows.allInnerTexts()).map(normalise).join(' | '));
  }

  /**
   * The content of the (one) webview on screen. In the browser a webview is an iframe (the host
   * page) holding the extension's page in another iframe, `#active-frame`.
   */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').first().frameLocator('#active-frame');
  }

  /** Moves the cursor with Go to Line (Ctrl+G, `line:column`) and waits for the editor to have focus again. */
  async goTo(line: number, column: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: QUICK_MS });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await waitFor('the editor to have focus after Go to Line', QUICK_MS, () => this.editorFocused());
    await waitFor(`the cursor at ${line}:${column}`, QUICK_MS, async () => (await this.cursorPosition()) === `${line}:${column}`, () => this.cursorPosition());
  }

  /** "line:column" as the status bar shows it (Ln 18, Col 61). */
  async cursorPosition(): Promise<string> {
    const text = await this.page.locator('[id="status.editor.selection"]').innerText({ timeout: QUICK_MS });
    const m = /Ln (\d+), Col (\d+)/.exec(text);
    return m ? `${m[1]}:${m[2]}` : text;
  }

  private editorFocused(): Promise<boolean> {
    return this.page.evaluate(() => {
      const document = (globalThis as unknown as { document: DomDocument }).document;
      return !!document.activeElement?.closest('.editor-instance .monaco-editor');
    });
  }

  /**
   * The screen rectangle of `needle` in the editor's rendered text, or null when it is not on
   * screen. `within` is a longer phrase around it that picks the place; it may run across the
   * editor's wrapped lines. Non-breaking spaces count as spaces.
   */
  textRect(needle: string, within = needle): Promise<DomRect | null> {
    return this.page.evaluate(
      ({ needle, within }) => {
        const document = (globalThis as unknown as { document: DomDocument }).document;
        // Rendered lines are recycled, not kept in order: sort them by their place on screen.
        const lines = [...document.querySelectorAll('.editor-instance .view-lines .view-line')].sort(
          (a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top,
        );
        const nodes: DomText[] = [];
        for (const line of lines) {
          const walker = document.createTreeWalker(line, 4);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
        }
        const text = nodes.map((n) => n.data).join('').replace(/\u00a0/g, ' ');
        const at = text.indexOf(within);
        if (at < 0) return null;
        const start = at + within.indexOf(needle);
        const end = start + needle.length;
        const range = document.createRange();
        let seen = 0;
        for (const n of nodes) {
          const next = seen + n.data.length;
          if (start >= seen && start < next) range.setStart(n, start - seen);
          if (end > seen && end <= next) range.setEnd(n, end - seen);
          seen = next;
        }
        const r = range.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      },
      { needle, within },
    );
  }

  /** The severities of the squiggles drawn under `needle` (found as in `textRect`). */
  async squigglesUnder(needle: string, within = needle): Promise<Severity[] | null> {
    const rect = await this.textRect(needle, within);
    if (!rect) return null;
    return this.page.evaluate((rect) => {
      const document = (globalThis as unknown as { document: DomDocument }).document;
      const found: string[] = [];
      for (const el of document.querySelectorAll('.editor-instance .view-overlays [class*="squiggly-"]')) {
        const r = el.getBoundingClientRect();
        const overlap = Math.min(r.right, rect.right) - Math.max(r.left, rect.left);
        const middle = (rect.top + rect.bottom) / 2;
        if (overlap >= (rect.right - rect.left) / 2 && r.top <= middle && r.bottom >= middle) {
          const m = /squiggly-(error|warning|info|hint)/.exec(el.className);
          if (m?.[1]) found.push(m[1]);
        }
      }
      return found;
    }, rect) as Promise<Severity[]>;
  }

  /** Waits until the squiggles under `needle` satisfy `test`. */
  async waitForSquiggles(what: string, needle: string, within: string, test: (s: Severity[]) => boolean, timeoutMs = QUICK_MS): Promise<Severity[]> {
    return waitFor(what, timeoutMs, async () => {
      const found = await this.squigglesUnder(needle, within);
      return found && test(found) ? found : null;
    }, async () => JSON.stringify(await this.squigglesUnder(needle, within)));
  }

  /** Shows the hover at the cursor (Ctrl+K Ctrl+I) and waits for it to contain `expected` (normalised). */
  async hover(expected: string): Promise<string> {
    const show = async (): Promise<void> => {
      await this.page.keyboard.press('Control+K');
      await this.page.keyboard.press('Control+I');
    };
    await show();
    let shown = Date.now();
    const hover = this.page.locator('.monaco-hover:visible');
    // It says "Loading..." before the server answers. On a loaded machine the chord is now and
    // then lost (no hover at all): ask again after a few seconds without one.
    return waitFor(`the hover to show "${expected}"`, QUICK_MS, async () => {
      if ((await hover.count()) === 0 && Date.now() - shown > 4000) {
        await show();
        shown = Date.now();
      }
      const text = normalise(await hover.first().innerText({ timeout: 500 }));
      return text.includes(normalise(expected)) ? text : null;
    }, async () => normalise(await hover.first().innerText({ timeout: 500 }).catch(() => '(no hover)')));
  }

  /**
   * Opens the quick-fix menu (Ctrl+.), moves the keyboard focus to the action whose title contains
   * `title` and returns the titles of all actions, without choosing (see `chooseFocusedAction`).
   */
  async focusQuickFix(title: string): Promise<string[]> {
    await this.page.keyboard.press('Control+.');
    const rows = this.page.locator('.action-widget .monaco-list-row.action');
    await rows.first().waitFor({ timeout: QUICK_MS });
    const titles = (await rows.allInnerTexts()).map(normalise);
    const index = titles.findIndex((t) => t.includes(normalise(title)));
    if (index < 0) throw new Error(`no quick fix "${title}" among: ${titles.join(' | ')}`);
    const focused = () => this.page.locator('.action-widget .monaco-list-row.action.focused').innerText({ timeout: 500 }).then(normalise);
    // The menu takes keys, not clicks (an overlay swallows them): walk down to the action.
    for (let step = 0; step <= titles.length; step++) {
      if ((await focused().catch(() => '')).includes(normalise(title))) return titles;
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`the keyboard never reached the quick fix "${title}" (focused: ${await focused().catch(() => 'none')})`);
  }

  async chooseFocusedAction(): Promise<void> {
    await this.page.keyboard.press('Enter');
    await this.page.locator('.action-widget').waitFor({ state: 'hidden', timeout: QUICK_MS });
  }

  /** The counts by category in Slant's status bar item ("Slant: 16 loaded · 2 partisan"). */
  async statusCounts(): Promise<Record<string, number> | null> {
    const items = await this.page.locator('.statusbar-item').allInnerTexts();
    const text = items.map(normalise).find((t) => t.startsWith('Slant:'));
    if (text === undefined) return null;
    const counts: Record<string, number> = {};
    for (const m of text.matchAll(/(\d+) ([a-z]+)/g)) counts[m[2] as string] = Number(m[1]);
    return counts;
  }

  /** Waits until Slant's status bar item shows exactly `expected` (categories with no findings left out). */
  async waitForStatus(expected: Record<string, number>, timeoutMs = QUICK_MS): Promise<void> {
    const want = JSON.stringify(sorted(expected));
    await waitFor(`the status bar to show ${want}`, timeoutMs, async () => JSON.stringify(sorted((await this.statusCounts()) ?? {})) === want, async () => JSON.stringify(await this.statusCounts()));
  }

  /** The numbers of the Problems item in the status bar, space-separated (errors, warnings, infos). */
  async problemsText(): Promise<string> {
    const text = await this.page.locator('[id="status.problems"]').innerText({ timeout: QUICK_MS });
    return (text.match(/\d+/g) ?? []).join(' ');
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  /** Inserts text as one input, the way a paste does: no auto-closed brackets or quotes. */
  async insert(text: string): Promise<void> {
    await this.page.keyboard.insertText(text);
  }

  async press(...keys: string[]): Promise<void> {
    for (const key of keys) await this.page.keyboard.press(key);
  }
}

function sorted(counts: Record<string, number>): [string, number][] {
  return Object.entries(counts).filter(([, n]) => n > 0).sort(([a], [b]) => a.localeCompare(b));
}
