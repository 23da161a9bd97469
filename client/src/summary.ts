/**
 * What the status bar says about one document, decided without `vscode` so it can be tested.
 */
import { DEFAULT_SLANT_SETTINGS, type AttributionKindName, type CategoryName, type DocumentSummary, type SourcingSummary } from '../../server/src/protocol/index.js';
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

const KINDS: readonly AttributionKindName[] = ['named', 'institutional', 'anonymous', 'vague', 'self'];

const count = (n: unknown): number => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0);

/** The sourcing profile's parts for the status bar, or null when there is none or no claims. */
export function sourcingView(sourcing: SourcingSummary | undefined): { text: string; tooltip: string; ariaLabel: string } | null {
  if (!sourcing || typeof sourcing !== 'object') return null;
  const claims = count(sourcing.claims);
  if (claims === 0) return null;
  const share = typeof sourcing.unsourcedShare === 'number' && Number.isFinite(sourcing.unsourcedShare) ? Math.min(1, Math.max(0, sourcing.unsourcedShare)) : 0;
  const percent = Math.round(share * 100);
  const rows = KINDS.map((k) => ({ kind: k, n: count(sourcing.byKind?.[k]) })).filter((r) => r.n > 0);
  const none = count(sourcing.byKind?.none);
  const table = [...rows.map((r) => `| ${r.kind} | ${r.n} |`), ...(none > 0 ? [`| ${Messages.statusUnsourcedRow} | ${none} |`] : [])].join('\n');
  return {
    text: `$(quote) ${Messages.statusUnsourced(percent)}`,
    tooltip: `**${Messages.statusSourcing}**: ${Messages.statusClaims(claims)}, ${Messages.statusUnsourced(percent)}${table ? `\n\n| ${Messages.statusSourceKind} | ${Messages.statusClaimsHeader} |\n| --- | ---: |\n${table}` : ''}\n\n${Messages.statusShowSources}`,
    ariaLabel: Messages.statusUnsourcedAria(percent),
  };
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
  const sourcing = sourcingView(summary.sourcing);
  const text = sourcing ? ` · ${sourcing.text}` : '';
  const tooltip = sourcing ? `\n\n---\n\n${sourcing.tooltip}` : '';
  const aria = sourcing ? `, ${sourcing.ariaLabel}` : '';
  if (counts.length === 0) {
    return {
      text: `$(eye) ${Messages.statusNoFindings}${text}`,
      tooltip: `${Messages.statusNoFindings}${tooltip}`,
      ariaLabel: `${Messages.statusNoFindings}${aria}`,
      action: 'showProblems',
    };
  }
  const parts = counts.map(({ category, count }) => `${count} ${category}`);
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  const table = counts.map(({ category, count }) => `| ${category} | ${count} |`).join('\n');
  return {
    text: `$(eye) Slant: ${parts.join(' · ')}${text}`,
    tooltip: `**Slant**: ${total} ${total === 1 ? 'finding' : 'findings'}\n\n| category | findings |\n| --- | ---: |\n${table}\n\n${Messages.statusClickForProblems}${tooltip}`,
    ariaLabel: `Slant: ${parts.join(', ')}${aria}`,
    action: 'showProblems',
  };
}
