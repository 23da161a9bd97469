/**
 * The browser checks, in order: each is one thing a reader does in VS Code, and leaves a
 * screenshot. They share one workbench and one document, so later checks start from the text
 * earlier ones left. Expected findings come from `slant check --format json` on the same text
 * (the same engine and defaults), so the checks test what the editor shows, not the lexicon.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ACROSS_LINK, ADDED, cliReport, findingAt, FLAGGED, IGNORED, IN_LINK, locate, NEIGHBOUR, normalise, OTHER_SAMPLE, place, rejectAll, SAMPLE, UNSUPPORTED, type CliReport, type Phrase } from '../lib/sample.js';
import { IMPORT_CHECKS } from './import.js';
import { waitFor } from './wait.js';
import { QUICK_MS, SLOW_MS, type Severity, type Workbench } from './workbench.js';

export interface CheckContext {
  bench: Workbench;
  /** The repository (for dist/cli.cjs). */
  root: string;
  /** The workspace copy of the samples that code-server has open. */
  workspace: string;
}

export interface Check {
  /** Also the screenshot's name. */
  name: string;
  run(ctx: CheckContext): Promise<void>;
}

const samplePath = (ctx: CheckContext) => path.join(ctx.workspace, SAMPLE);
const sampleText = (ctx: CheckContext) => readFileSync(samplePath(ctx), 'utf8');
const report = (ctx: CheckContext): CliReport => cliReport(ctx.root, samplePath(ctx));

/** Diagnostic severities as VS Code draws them: the CLI's "info" is VS Code's "info" squiggle, hints are dots, not squiggles. */
function squiggle(severity: string): Severity {
  if (severity === 'error' || severity === 'warning' || severity === 'info') return severity;
  throw new Error(`a ${severity} finding has no squiggle; pick a phrase with a warning or info finding`);
}

/** The `outlet:` of a sample's front matter: the name the comparison shows for it. */
function outletOf(ctx: CheckContext, file: string): string {
  const outlet = /^outlet:[ \t]*(.+?)[ \t]*$/m.exec(readFileSync(path.join(ctx.workspace, file), 'utf8'))?.[1];
  if (outlet === undefined) throw new Error(`${file} has no outlet: in its front matter`);
  return outlet;
}

/** Saves the document and waits for the file on disk to pass `test`. */
async function save(ctx: CheckContext, what: string, test: (text: string) => boolean): Promise<string> {
  await ctx.bench.press('Control+S');
  return waitFor(`the saved file to ${what}`, QUICK_MS, () => {
    const text = sampleText(ctx);
    return test(text) ? text : null;
  });
}

/**
 * Types `phrase.context` as a new paragraph at the end (as one input: no auto-closed brackets),
 * saves, and puts the cursor on its flagged word once the squiggle is there. Returns the saved
 * text and the CLI's finding there.
 */
async function typedParagraph(ctx: CheckContext, phrase: Phrase): Promise<{ text: string; finding: ReturnType<typeof findingAt> }> {
  await ctx.bench.press('Escape', 'Control+End', 'Enter', 'Enter');
  await ctx.bench.insert(phrase.context);
  const text = await save(ctx, `end with "${phrase.context}"`, (t) => t.trimEnd().endsWith(phrase.context));
  const finding = findingAt(report(ctx), place(text, phrase).offset);
  const at = place(text, phrase);
  await ctx.bench.goTo(at.line, at.column);
  await ctx.bench.waitForSquiggles(`a squiggle under "${phrase.text}" in the typed paragraph`, phrase.text, phrase.context, (s) => s.length > 0);
  return { text, finding };
}

export const CHECKS: Check[] = [
  {
    name: 'diagnostics',
    async run(ctx) {
      const text = sampleText(ctx);
      const expected = report(ctx);
      const flagged = findingAt(expected, place(text, FLAGGED).offset);
      const ignored = findingAt(expected, place(text, IGNORED).offset);
      await ctx.bench.openFile(SAMPLE);
      // Squiggles appear once the extension host, the client and the server are up: the slow part.
      const at = place(text, FLAGGED);
      await ctx.bench.goTo(at.line, at.column);
      await ctx.bench.waitForSquiggles(`a ${flagged.severity} squiggle under "${FLAGGED.text}"`, FLAGGED.text, FLAGGED.context, (s) => s.includes(squiggle(flagged.severity)), SLOW_MS);
      await ctx.bench.waitForStatus(expected.summary.byCategory);
      // The Problems item counts errors, warnings and infos (hints are not problems).
      const count = (severity: string) => expected.findings.filter((f) => f.severity === severity).length;
      const want = [count('error'), count('warning'), count('info')].join(' ');
      const problems = await ctx.bench.problemsText();
      if (problems !== want) throw new Error(`the Problems item says "${problems}", expected "${want}"`);
      const other = place(text, IGNORED);
      await ctx.bench.goTo(other.line, other.column);
      await ctx.bench.waitForSquiggles(`a ${ignored.severity} squiggle under "${IGNORED.text}"`, IGNORED.text, IGNORED.context, (s) => s.includes(squiggle(ignored.severity)));
      const back = place(text, FLAGGED);
      await ctx.bench.goTo(back.line, back.column);
    },
  },
  {
    name: 'hover',
    async run(ctx) {
      const text = sampleText(ctx);
      const finding = findingAt(report(ctx), place(text, FLAGGED).offset);
      // The cursor is on the flagged word (left there by the previous check).
      const hover = await ctx.bench.hover(finding.note.slice(0, 80));
      for (const part of [finding.ruleId, ...finding.expected.slice(0, 1)]) {
        if (!hover.includes(normalise(part))) throw new Error(`the hover lacks "${part}": ${hover}`);
      }
    },
  },
  {
    name: 'unsupported-claim',
    async run(ctx) {
      const text = sampleText(ctx);
      const finding = findingAt(report(ctx), place(text, UNSUPPORTED).offset);
      if (finding.ruleId !== 'unsupported-claim') throw new Error(`slant check reports ${finding.ruleId} at "${UNSUPPORTED.text}", not unsupported-claim`);
      await ctx.bench.press('Escape');
      const at = place(text, UNSUPPORTED);
      await ctx.bench.goTo(at.line, at.column);
      await ctx.bench.waitForSquiggles(`a ${finding.severity} squiggle under "${UNSUPPORTED.text}"`, UNSUPPORTED.text, UNSUPPORTED.context, (s) => s.includes(squiggle(finding.severity)));
      // The hover explains the claim and says that no attribution covers the sentence.
      const hover = await ctx.bench.hover(finding.note.slice(0, 60));
      if (!hover.includes('no attribution covers this sentence')) throw new Error(`the hover does not say the sentence is unsourced: ${hover}`);
      const back = place(text, FLAGGED);
      await ctx.bench.goTo(back.line, back.column);
    },
  },
  {
    name: 'quick-fix-menu',
    async run(ctx) {
      await ctx.bench.press('Escape');
      await ctx.bench.page.locator('.monaco-hover:visible').waitFor({ state: 'hidden', timeout: QUICK_MS });
      const titles = await ctx.bench.focusQuickFix(`Annotate “${FLAGGED.text}” as reviewed`);
      const finding = findingAt(report(ctx), place(sampleText(ctx), FLAGGED).offset);
      const suggestion = `Suggest “${finding.expected[0]}”`;
      if (!titles.some((t) => t.includes(suggestion))) throw new Error(`the menu lacks "${suggestion}": ${titles.join(' | ')}`);
    },
  },
  {
    name: 'annotated',
    async run(ctx) {
      const before = report(ctx);
      const original = sampleText(ctx);
      const at = place(original, FLAGGED);
      const neighbour = findingAt(before, place(original, NEIGHBOUR).offset);
      await ctx.bench.chooseFocusedAction();
      const markedContext = FLAGGED.context.replace(FLAGGED.text, `{==${FLAGGED.text}==}{>>slant loaded:`);
      // The reviewed word loses its squiggle; the other "regime" in the sentence keeps its own.
      await ctx.bench.waitForSquiggles(`no squiggle under the annotated "${FLAGGED.text}"`, FLAGGED.text, markedContext, (s) => s.length === 0);
      const kept = await ctx.bench.squigglesUnder(NEIGHBOUR.text, NEIGHBOUR.context);
      if (!kept?.includes(squiggle(neighbour.severity))) throw new Error(`"${NEIGHBOUR.context}" lost its squiggle: ${JSON.stringify(kept)}`);
      const saved = await save(ctx, `contain "${markedContext}"`, (t) => t.includes(markedContext));
      if (saved.slice(0, at.offset) !== original.slice(0, at.offset)) throw new Error('the quick fix changed text before the flagged word');
      const after = report(ctx);
      if ((after.summary.byCategory.loaded ?? 0) >= (before.summary.byCategory.loaded ?? 0)) throw new Error('annotating did not remove a loaded finding');
      await ctx.bench.waitForStatus(after.summary.byCategory);
    },
  },
  {
    name: 'ignore-comment',
    async run(ctx) {
      const text = sampleText(ctx);
      const finding = findingAt(report(ctx), place(text, IGNORED).offset);
      const end = locate(text, IGNORED.sentence);
      await ctx.bench.goTo(end.line, end.column + IGNORED.sentence.length);
      const comment = `{>>slant-ignore ${finding.ruleId}<<}`;
      await ctx.bench.type(comment);
      await ctx.bench.waitForSquiggles(`the squiggle under "${IGNORED.text}" to go`, IGNORED.text, IGNORED.context, (s) => s.length === 0);
      await save(ctx, `contain "${IGNORED.sentence}${comment}"`, (t) => t.includes(`${IGNORED.sentence}${comment}`));
      const after = report(ctx);
      if (after.findings.some((f) => f.ruleId === finding.ruleId && f.text === IGNORED.text)) throw new Error('the CLI still reports the ignored finding');
      await ctx.bench.waitForStatus(after.summary.byCategory);
    },
  },
  {
    name: 'edited',
    async run(ctx) {
      const before = report(ctx);
      await ctx.bench.press('Control+End', 'Enter', 'Enter');
      await ctx.bench.type(ADDED.context);
      const text = await save(ctx, `end with "${ADDED.context}"`, (t) => t.trimEnd().endsWith(ADDED.context));
      const after = report(ctx);
      if ((after.summary.byCategory.loaded ?? 0) !== (before.summary.byCategory.loaded ?? 0) + 1) throw new Error('the typed paragraph should bring exactly one loaded finding');
      const added = findingAt(after, place(text, ADDED).offset);
      await ctx.bench.waitForSquiggles(`a ${added.severity} squiggle under "${ADDED.text}" in the typed paragraph`, ADDED.text, ADDED.context, (s) => s.includes(squiggle(added.severity)));
      await ctx.bench.waitForStatus(after.summary.byCategory);
    },
  },
  {
    name: 'edit-removed',
    async run(ctx) {
      const withParagraph = sampleText(ctx);
      const without = withParagraph.replace(`\n\n${ADDED.context}`, '');
      for (let i = 0; i < ADDED.context.length + 2; i++) await ctx.bench.press('Backspace');
      await save(ctx, 'lose the typed paragraph', (t) => t === without);
      await ctx.bench.waitForStatus(report(ctx).summary.byCategory);
    },
  },
  {
    name: 'replace-inside-link',
    async run(ctx) {
      const { text, finding } = await typedParagraph(ctx, IN_LINK);
      const alternative = finding.expected[0];
      if (alternative === undefined) throw new Error(`slant check offers no alternative for "${finding.text}"`);
      await ctx.bench.focusQuickFix(`Replace with “${alternative}”`);
      await ctx.bench.chooseFocusedAction();
      // Only the term changes: the link's brackets and URL stay where they were.
      const term = finding.term ?? { start: finding.start, end: finding.end };
      const want = text.slice(0, term.start.offset) + alternative + text.slice(term.end.offset);
      const saved = await save(ctx, `read "${IN_LINK.context.replace(IN_LINK.text, alternative)}"`, (t) => t === want);
      if (!saved.includes(`[the new cabinet a ${alternative}](https://example.org/cabinet)`)) throw new Error('the link did not survive the replacement');
    },
  },
  {
    name: 'annotate-across-link',
    async run(ctx) {
      const { text, finding } = await typedParagraph(ctx, ACROSS_LINK);
      if (!finding.text.includes('](https://example.org/bloc)')) throw new Error(`expected a finding across the link, got "${finding.text}"`);
      const titles = await ctx.bench.focusQuickFix(`Annotate “${finding.text}” as reviewed`);
      if (titles.some((t) => t.startsWith('Replace with'))) throw new Error(`a replacement across the link is offered: ${titles.join(' | ')}`);
      await ctx.bench.chooseFocusedAction();
      // Each run of plain text is highlighted apart; the link stays whole, and rejecting the
      // CriticMarkup gives back the typed text.
      const marked = '[{==regime==}](https://example.org/bloc) {==change==}{>>slant loaded:';
      const saved = await save(ctx, `contain "${marked}"`, (t) => t.includes(marked));
      if (rejectAll(saved) !== rejectAll(text)) throw new Error('rejecting the annotation does not give back the text');
      const after = report(ctx);
      if (after.findings.some((f) => f.ruleId === finding.ruleId && f.start.offset >= place(saved, { context: 'The bloc backed', text: 'The bloc backed' }).offset)) {
        throw new Error('the CLI still reports the annotated finding');
      }
      await ctx.bench.waitForStatus(after.summary.byCategory);
    },
  },
  {
    name: 'compare-stance',
    async run(ctx) {
      const outlets = [SAMPLE, OTHER_SAMPLE].map((f) => outletOf(ctx, f));
      await ctx.bench.press('Escape');
      await ctx.bench.openFile(OTHER_SAMPLE);
      // The view gets the whole width (and the screenshot shows it so).
      await ctx.bench.press('Control+B');
      await ctx.bench.runCommand('Slant: Compare Stance');
      // With two documents open, both are ticked already: Enter compares them.
      const rows = await ctx.bench.quickPickRows([SAMPLE, OTHER_SAMPLE]);
      for (const file of [SAMPLE, OTHER_SAMPLE]) {
        if (!rows.find((r) => r.text.includes(file))?.checked) throw new Error(`${file} is not ticked: ${JSON.stringify(rows)}`);
      }
      await ctx.bench.press('Enter');
      await ctx.bench.page.locator('.tab.active[aria-label*="Slant: Stance comparison"]').waitFor({ timeout: QUICK_MS });
      const view = ctx.bench.webview();
      await waitFor(`the comparison to name ${outlets.join(' and ')}`, QUICK_MS, async () => {
        const text = normalise(await view.locator('body').innerText({ timeout: 500 }));
        return outlets.every((o) => text.includes(o));
      }, async () => normalise(await view.locator('body').innerText({ timeout: 500 })).slice(0, 300));
      const bars = view.locator('section[aria-labelledby="stance"] svg.bar');
      await bars.first().waitFor({ timeout: QUICK_MS });
      const drawn = await view.locator('section[aria-labelledby="stance"] svg.bar rect.neg, section[aria-labelledby="stance"] svg.bar rect.pos').count();
      if (drawn === 0) throw new Error('the comparison shows no stance bar');
    },
  },
  {
    name: 'compare-open-passage',
    async run(ctx) {
      const passage = ctx.bench.webview().locator('figure.passage').first();
      const file = path.basename((await passage.getAttribute('data-path', { timeout: QUICK_MS })) ?? '');
      const length = Number(await passage.getAttribute('data-end')) - Number(await passage.getAttribute('data-start'));
      // A click on the passage opens its document beside the view, the passage selected.
      await passage.locator('blockquote').click();
      await ctx.bench.page.locator(`.tab.active[aria-label*="${file}"]`).waitFor({ timeout: QUICK_MS });
      const selection = ctx.bench.page.locator('[id="status.editor.selection"]');
      await waitFor(`${length} characters selected in ${file}`, QUICK_MS, async () => (await selection.innerText({ timeout: 500 })).includes(`(${length} selected)`), () =>
        selection.innerText({ timeout: 500 }),
      );
    },
  },
  ...IMPORT_CHECKS,
];
