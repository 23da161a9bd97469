/**
 * The few DOM types the functions run inside the page need. The repository's TypeScript program
 * has no DOM library (the server and the CLI must not use it), so the page's globals are reached
 * through `pageDocument()` with these structural types instead.
 */
export interface DomRect {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface DomElement {
  className: string;
  closest(selector: string): DomElement | null;
  getBoundingClientRect(): DomRect;
}

export interface DomText {
  data: string;
}

export interface DomRange {
  setStart(node: DomText, offset: number): void;
  setEnd(node: DomText, offset: number): void;
  getBoundingClientRect(): DomRect;
}

export interface DomDocument {
  activeElement: DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  /** `whatToShow` 4 is NodeFilter.SHOW_TEXT. */
  createTreeWalker(root: DomElement, whatToShow: number): { nextNode(): DomText | null };
  createRange(): DomRange;
}
