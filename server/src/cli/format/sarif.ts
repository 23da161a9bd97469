/**
 * SARIF 2.1.0 output (for code scanning and SARIF viewers). Pure: reports in, text out.
 * Columns count UTF-16 code units, as SARIF does by default; the run says so explicitly.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Category, Notice, Severity } from '../../engine/index.js';
import { STDIN_NAME } from '../files.js';
import type { FileReport, Problem, ReportFinding } from '../report.js';
import { ruleDescription, ruleName } from '../rules.js';
import { jsonChunks } from './chunks.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifOptions {
  /** The tool's version. */
  version: string;
  /** Where to read about the tool, if known. */
  informationUri?: string;
  /** Inputs and data files that could not be used (become tool execution notifications). */
  problems?: readonly Problem[];
}

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export const SARIF_LEVELS: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
const NOTICE_LEVELS: Record<Notice['level'], SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

/** A displayed path as a SARIF artifact URI: relative paths with forward slashes, absolute ones as file: URIs. */
export function artifactUri(path: string): string {
  if (path === STDIN_NAME) return 'stdin';
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return path
    .split(/[\\/]/)
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

interface RuleInfo {
  id: string;
  category: Category;
  urls: Set<string | null>;
}

function location(uri: string, f?: ReportFinding): object {
  return {
    physicalLocation: {
      artifactLocation: { uri },
      ...(f
        ? {
            region: {
              startLine: f.start.line,
              startColumn: f.start.column,
              endLine: f.end.line,
              endColumn: f.end.column,
              charOffset: f.start.offset,
              charLength: f.end.offset - f.start.offset,
              snippet: { text: f.text },
            },
          }
        : {}),
    },
  };
}

export function toSarif(files: readonly FileReport[], options: SarifOptions): object {
  const rules = new Map<string, RuleInfo>();
  for (const file of files) {
    for (const f of file.findings) {
      let info = rules.get(f.ruleId);
      if (!info) {
        info = { id: f.ruleId, category: f.category, urls: new Set() };
        rules.set(f.ruleId, info);
      }
      info.urls.add(f.url);
    }
  }
  const ruleList = [...rules.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ruleIndex = new Map(ruleList.map((r, i) => [r.id, i]));

  const descriptors = ruleList.map((r) => {
    // A rule's help link is known when every finding of it points at the same page.
    const [only] = r.urls;
    const helpUri = r.urls.size === 1 && typeof only === 'string' ? only : undefined;
    return {
      id: r.id,
      name: ruleName(r.id),
      shortDescription: { text: ruleDescription(r.id, r.category) },
      ...(helpUri !== undefined ? { helpUri } : {}),
      properties: { category: r.category, tags: [r.category] },
    };
  });

  const results = files.flatMap((file) => {
    const uri = artifactUri(file.path);
    return file.findings.map((f) => ({
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId),
      level: SARIF_LEVELS[f.severity],
      message: { text: f.message },
      locations: [location(uri, f)],
      properties: {
        category: f.category,
        severity: f.severity,
        quoted: f.quoted,
        speaker: f.speaker,
        expected: f.expected,
        note: f.note,
        ...(f.url !== null ? { url: f.url } : {}),
        ...(f.entryId !== undefined ? { entryId: f.entryId } : {}),
        ...(f.details !== undefined ? { details: f.details } : {}),
      },
    }));
  });

  const notifications = [
    ...(options.problems ?? []).map((p) => ({
      level: 'error' as SarifLevel,
      message: { text: p.message },
      ...(p.path !== undefined ? { locations: [location(artifactUri(p.path))] } : {}),
    })),
    ...files.flatMap((file) =>
      file.notices.map((n) => ({ level: NOTICE_LEVELS[n.level], message: { text: n.message }, locations: [location(artifactUri(file.path))] })),
    ),
  ];

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'slant',
            version: options.version,
            semanticVersion: options.version,
            ...(options.informationUri !== undefined ? { informationUri: options.informationUri } : {}),
            rules: descriptors,
          },
        },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: (options.problems ?? []).length === 0,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        results,
      },
    ],
  };
}

/** The SARIF text in pieces (for output too large to be one string). */
export function* formatSarifChunks(files: readonly FileReport[], options: SarifOptions): Generator<string> {
  yield* jsonChunks(toSarif(files, options));
  yield '\n';
}

export function formatSarif(files: readonly FileReport[], options: SarifOptions): string {
  return [...formatSarifChunks(files, options)].join('');
}
