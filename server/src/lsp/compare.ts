/**
 * `slant/compare`: several documents' stance, sourcing, naming and aligned passages. Each input
 * is an open document (its current text, read as its language says) or a file on disk (read as
 * its extension says). Every input is checked before anything is analysed; the ones that cannot
 * be compared fail the request with one message naming each. Nothing here touches the network.
 */
import * as fs from 'node:fs/promises';
import { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { CancelledError, compareProfiles, formatFromPath, profileDocument, type Format, type Gazetteer, type Lexicon, type Settings } from '../engine/index.js';
import type { CompareParams, CompareResult } from '../protocol/index.js';
import type { OpenDocument } from './analyses.js';
import { readBytes } from '../data-files/read.js';
import { ui } from './messages.js';
import { uriToPath } from './paths.js';
import { formatOf, languageOf } from './policy.js';
import { SOURCING_MAX_LENGTH } from './sourcing.js';

/**
 * Characters a compared document may have: comparison reads each one whole, as the sourcing
 * views do, so the same bound applies.
 */
export const COMPARE_MAX_LENGTH = SOURCING_MAX_LENGTH;

/** A document ready to be profiled. */
interface Source {
  uri: string;
  /** The file system path of a `file:` URI, else the URI (an unsaved document). */
  path: string;
  text: string;
  format: Format;
}

export interface CompareContext {
  documents: { get(uri: string): OpenDocument | undefined; all(): OpenDocument[] };
  lexicon: Lexicon;
  gazetteer: Gazetteer;
  settings: Partial<Settings>;
  isCancelled(): boolean;
}

/** The request's parameters, checked: a malformed request is an InvalidParams error, fewer than two URIs a RequestFailed. */
export function compareParams(value: unknown): CompareParams {
  const bad = (): never => {
    throw new ResponseError(ErrorCodes.InvalidParams, ui.compareBadParams);
  };
  if (value === null || typeof value !== 'object') bad();
  const { uris, outlets } = value as { uris?: unknown; outlets?: unknown };
  if (!Array.isArray(uris) || !uris.every((u) => typeof u === 'string' && u !== '')) bad();
  if (outlets !== undefined && (outlets === null || typeof outlets !== 'object' || Array.isArray(outlets) || !Object.values(outlets).every((o) => typeof o === 'string'))) bad();
  const unique = [...new Set(uris as string[])];
  if (unique.length < 2) throw new ResponseError(LSPErrorCodes.RequestFailed, ui.compareTooFew(unique.length));
  return { uris: unique, ...(outlets !== undefined ? { outlets: outlets as Record<string, string> } : {}) };
}

const pathOf = (uri: string): string => uriToPath(uri) ?? uri;

/** The open document for a URI: by the URI as given, else by the file it names (another spelling of the same URI). */
function openDocument(documents: CompareContext['documents'], uri: string): OpenDocument | undefined {
  const direct = documents.get(uri);
  if (direct) return direct;
  const p = uriToPath(uri);
  // A document opened with a URI that is not a string (a faulty client) is never one of them.
  return p === null ? undefined : documents.all().find((d) => typeof d.uri === 'string' && uriToPath(d.uri) === p);
}

/** Reads one input, or says why it cannot be compared. */
async function read(uri: string, documents: CompareContext['documents']): Promise<Source | string> {
  const path = pathOf(uri);
  const open = openDocument(documents, uri);
  let text: string;
  let format: Format;
  if (open) {
    text = open.getText();
    format = formatOf(languageOf(open.languageId, open.uri));
  } else {
    if (uriToPath(uri) === null) return ui.compareNotFile(uri);
    try {
      const stat = await fs.stat(path);
      if (!stat.isFile()) return ui.compareNotAFile(path);
      // A UTF-16 code unit takes at most three bytes of UTF-8: a bigger file is too long unread.
      if (stat.size > 3 * COMPARE_MAX_LENGTH) return ui.compareTooLong(path, COMPARE_MAX_LENGTH);
      // Read through the descriptor it checks again (a file swapped for a FIFO or a link to a
      // device since the stat is refused, not read).
      const read = readBytes(path, { maxBytes: 3 * COMPARE_MAX_LENGTH });
      if (!read.ok) return read.size !== undefined ? ui.compareTooLong(path, COMPARE_MAX_LENGTH) : ui.compareUnreadable(path, read.reason);
      text = read.bytes.toString('utf8');
    } catch (error) {
      return ui.compareUnreadable(path, (error as NodeJS.ErrnoException).code ?? String(error));
    }
    format = formatFromPath(path);
  }
  if (text.includes('\u0000')) return ui.compareBinary(path);
  if (text.length > COMPARE_MAX_LENGTH) return ui.compareTooLong(path, COMPARE_MAX_LENGTH);
  return { uri, path, text, format };
}

/**
 * Compares the documents the request names (with the outlet names it overrides, by URI).
 * Throws a ResponseError naming every input that cannot be compared, and CancelledError when
 * `isCancelled` says so between documents or inside an analysis.
 */
export async function compareDocuments(params: CompareParams, context: CompareContext): Promise<CompareResult> {
  const check = (): void => {
    if (context.isCancelled()) throw new CancelledError();
  };
  const sources: Source[] = [];
  const problems: string[] = [];
  for (const uri of params.uris) {
    const source = await read(uri, context.documents);
    check();
    if (typeof source === 'string') problems.push(source);
    else if (!sources.some((s) => s.path === source.path)) sources.push(source);
  }
  if (problems.length > 0) throw new ResponseError(LSPErrorCodes.RequestFailed, ui.compareFailed(problems));
  if (sources.length < 2) throw new ResponseError(LSPErrorCodes.RequestFailed, ui.compareTooFew(sources.length));
  const outlets = new Map(Object.entries(params.outlets ?? {}).map(([uri, name]) => [pathOf(uri), name]));
  const profiles = sources.map((s) => {
    check();
    const outlet = outlets.get(s.path);
    return profileDocument(s.text, {
      path: s.path,
      format: s.format,
      lexicon: context.lexicon,
      gazetteer: context.gazetteer,
      settings: context.settings,
      isCancelled: context.isCancelled,
      ...(outlet !== undefined ? { outlet } : {}),
    });
  });
  return { comparison: compareProfiles(profiles, {}, context.gazetteer), uris: Object.fromEntries(sources.map((s) => [s.path, s.uri])) };
}
