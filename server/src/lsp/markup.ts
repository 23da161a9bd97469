/**
 * CriticMarkup as the quick fixes write it. Pure string builders: `{~~old~>new~~}`,
 * `{==text==}{>>slant category: note<<}`, `{>>slant-ignore RULE<<}`.
 */

/** Removes what would end a CriticMarkup span early from text placed inside one. */
function inside(text: string, close: string): string {
  let out = text;
  while (out.includes(close)) out = out.split(close).join(close.slice(0, -1) + ' }');
  return out;
}

/** The substitution of `text` by `alternative`. */
export function substitution(text: string, alternative: string): string {
  return `{~~${inside(text, '~~}').replace(/~>/g, '~ >')}~>${inside(alternative, '~~}')}~~}`;
}

/** A comment's content, one line, without `<<}`. */
export function commentText(text: string): string {
  return inside(text.replace(/\s+/g, ' ').trim(), '<<}');
}

/** A highlight of `text`, without a comment (the parts of an annotation before its last). */
export function highlight(text: string): string {
  return `{==${inside(text, '==}')}==}`;
}

/** The annotation of `text`: a highlight and a comment saying what Slant found. */
export function annotation(text: string, comments: readonly { category: string; note: string }[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const c of comments) {
    const part = `slant ${c.category}: ${c.note}`;
    if (!seen.has(part)) parts.push(part);
    seen.add(part);
  }
  return `${highlight(text)}{>>${commentText(parts.join(' | '))}<<}`;
}

/** What opens a highlight placed around text already in the document (with `highlightClose`). */
export const HIGHLIGHT_OPEN = '{==';

/** What closes it: `==}`, and the comment `{>>slant category: note<<}` when there is one. */
export function highlightClose(comment: { category: string; note: string } | null): string {
  return comment === null ? '==}' : `==}{>>${commentText(`slant ${comment.category}: ${comment.note}`)}<<}`;
}

/** The ignore directive for a rule. */
export function ignoreComment(ruleId: string): string {
  return `{>>slant-ignore ${commentText(ruleId)}<<}`;
}

const shortNotes = new Map<string, string>();

/** The first sentence of a note, at most about 200 characters, with nothing that ends a comment. */
export function shortNote(note: string): string {
  let short = shortNotes.get(note);
  if (short === undefined) {
    short = firstSentence(note);
    // Notes come from a few lexicon entries: a small memo saves work on every analysis.
    if (shortNotes.size > 5000) shortNotes.clear();
    shortNotes.set(note, short);
  }
  return short;
}

function firstSentence(note: string): string {
  const flat = note.replace(/\s+/g, ' ').trim();
  const m = /^.+?[.!?][”’"')\]]*(?=\s+[A-Z“"‘(]|$)/.exec(flat);
  let first = m ? m[0] : flat;
  if (first.length > 200) {
    const cut = first.lastIndexOf(' ', 197);
    first = `${first.slice(0, cut > 100 ? cut : 197).replace(/[,;:]$/, '')}…`;
  }
  return commentText(first);
}
