/**
 * What the status bar says about one document, decided without `vscode` so it can be tested.
 */
import { DEFAULT_SLANT_SETTINGS, type CategoryName, type DocumentSummary } from '../../server/src/protocol/index.js';
import { Messages } from './messages.js';

/** The language server as the status bar sees it. */
export type ServerState = 'starting' | 'running' | 'stopped';

/** What clicking the item does. */
export type StatusAction = 'showProblems' | 'analyseDocument' | 'restartServer' | 'none';

export interface StatusView {
  text: string;
  /** Markdown. */
  tooltip: string;
  /** For screen readers: the text without icons or middle dots. */
  ariaLabel: string;
  action: StatusAction;
}

/** The order categories are listed in: the protocol's own order. */
const ORDER: readonly CategoryName[] = DEFAULT_SLANT_SETTINGS.categories;

/** The non-zero counts of a summary, in category order. */
export function categoryCounts(summary: DocumentSummary): { category: CategoryName; count: number }[] {
  const counts: { category: CategoryName; count: number }[] = [];
  for (const category of ORDER) {
    const count = summary.byCategory?.[category];
    if (typeof count === 'number' && Number.isFinite(count) && count > 0) counts.push({ category, count });
  }
  return counts;
}

/**
 * The status bar item for the active document: `summary` is the server's latest
 * `slant/documentSummary` for it (undefined: none yet).
 */
export function statusView(summary: DocumentSummary | undefined, server: ServerState): StatusView {
  if (server === 'stopped') {
    return {
      text: `$(debug-disconnect) ${Messages.statusStopped}`,
      tooltip: Messages.statusStoppedTooltip,
      ariaLabel: Messages.statusStopped,
      action: 'restartServer',
    };
  }
  if (server === 'starting') {
    return { text: '$(sync~spin) Slant', tooltip: Messages.statusStarting, ariaLabel: Messages.statusStarting, action: 'none' };
  }
  if (!summary) {
    return { text: '$(eye) Slant', tooltip: Messages.statusWaiting, ariaLabel: 'Slant', action: 'none' };
  }
  if (!summary.analysed) {
    return {
      text: `$(eye-closed) ${Messages.statusNotAnalysed}`,
      tooltip: Messages.statusNotAnalysedTooltip,
      ariaLabel: Messages.statusNotAnalysed,
      action: 'analyseDocument',
    };
  }
  const counts = categoryCounts(summary);
  if (counts.length === 0) {
    return {
      text: `$(eye) ${Messages.statusNoFindings}`,
      tooltip: Messages.statusNoFindings,
      ariaLabel: Messages.statusNoFindings,
      action: 'showProblems',
    };
  }
  const parts = counts.map(({ category, count }) => `${count} ${category}`);
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  const table = counts.map(({ category, count }) => `| ${category} | ${count} |`).join('\n');
  return {
    text: `$(eye) Slant: ${parts.join(' · ')}`,
    tooltip: `**Slant**: ${total} ${total === 1 ? 'finding' : 'findings'}\n\n| category | findings |\n| --- | ---: |\n${table}\n\n${Messages.statusClickForProblems}`,
    ariaLabel: `Slant: ${parts.join(', ')}`,
    action: 'showProblems',
  };
}
