/**
 * CriticMarkup: `{++add++}`, `{--delete--}`, `{~~old~>new~~}`, `{==highlight==}`, `{>>comment<<}`.
 * Comments and deleted or replaced text are never prose; highlighted and substituted text
 * counts as reviewed. `{>>slant-ignore RULE ...<<}` is an ignore directive.
 */
import type { Annotation, AnnotationKind } from '../types.js';
import type { ProseBuilder } from './prose.js';

const KINDS: Record<string, { kind: AnnotationKind; close: string }> = {
  '++': { kind: 'addition', close: '++}' },
  '--': { kind: 'deletion', close: '--}' },
  '~~': { kind: 'substitution', close: '~~}' },
  '==': { kind: 'highlight', close: '==}' },
  '>>': { kind: 'comment', close: '<<}' },
};

export interface CriticRead {
  annotations: Annotation[];
  /** `slant-ignore` comments: their range and the rules they name (empty: all). */
  ignores: { start: number; end: number; rules: string[] }[];
}

const IGNORE = /^\s*slant-ignore\b([^]*)$/;

/** Finds CriticMarkup in `text[0, limit)` and blanks its syntax in the prose. Linear in the text. */
export function readCriticMarkup(text: string, limit: number, prose: ProseBuilder): CriticRead {
  const annotations: Annotation[] = [];
  const ignores: CriticRead['ignores'] = [];
  // Once a closing marker is known to be absent after some point, openers after it are not markup.
  const noCloseAfter = new Map<string, number>();
  let i = text.indexOf('{', 0);
  while (i >= 0 && i < limit - 2) {
    const opener = text.slice(i + 1, i + 3);
    const spec = KINDS[opener];
    if (!spec || (noCloseAfter.get(opener) ?? Infinity) <= i) {
      i = text.indexOf('{', i + 1);
      continue;
    }
    const close = text.indexOf(spec.close, i + 3);
    if (close < 0 || close + 3 > limit) {
      noCloseAfter.set(opener, i);
      i = text.indexOf('{', i + 1);
      continue;
    }
    const start = i;
    const end = close + 3;
    const inner = { start: i + 3, end: close };
    const content = text.slice(inner.start, inner.end);
    let reviewed: Annotation['reviewed'] = null;
    switch (spec.kind) {
      case 'comment': {
        prose.blank(start, end);
        const m = IGNORE.exec(content);
        if (m) ignores.push({ start, end, rules: (m[1] ?? '').split(/[\s,]+/).filter(Boolean) });
        break;
      }
      case 'deletion':
        prose.blank(start, end);
        break;
      case 'addition':
        prose.blank(start, inner.start);
        prose.blank(inner.end, end);
        break;
      case 'highlight':
        prose.blank(start, inner.start);
        prose.blank(inner.end, end);
        reviewed = { ...inner };
        break;
      case 'substitution': {
        const arrow = content.indexOf('~>');
        const newStart = arrow >= 0 ? inner.start + arrow + 2 : inner.start;
        prose.blank(start, newStart);
        prose.blank(inner.end, end);
        reviewed = { start: newStart, end: inner.end };
        break;
      }
    }
    annotations.push({ start, end, kind: spec.kind, content, reviewed });
    i = text.indexOf('{', end);
  }
  return { annotations, ignores };
}
