/**
 * The prose mask: a string as long as the source in which only prose characters stand where
 * they are; everything else is blanked to spaces (line breaks kept), so offsets are shared.
 */
import type { BlockKind } from '../types.js';

/** A block as a reader finds it, before boilerplate and segmentation. */
export interface RawBlock {
  start: number;
  end: number;
  kind: BlockKind;
  blockquote: boolean;
}

export class ProseBuilder {
  private readonly chars: Uint16Array;

  /** Starts all blank (`keepAll` false) or all kept (`keepAll` true). */
  constructor(
    private readonly text: string,
    keepAll: boolean,
  ) {
    this.chars = new Uint16Array(text.length);
    if (keepAll) for (let i = 0; i < text.length; i++) this.chars[i] = text.charCodeAt(i);
    else this.blank(0, text.length);
    // Control characters other than tab and line breaks never count as prose.
    for (let i = 0; i < text.length; i++) {
      const c = this.chars[i] as number;
      if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0x7f) this.chars[i] = 32;
    }
  }

  keep(start: number, end: number): void {
    for (let i = Math.max(0, start); i < Math.min(end, this.text.length); i++) {
      const c = this.text.charCodeAt(i);
      this.chars[i] = (c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0x7f ? 32 : c;
    }
  }

  blank(start: number, end: number): void {
    for (let i = Math.max(0, start); i < Math.min(end, this.text.length); i++) {
      const c = this.text.charCodeAt(i);
      this.chars[i] = c === 10 || c === 13 ? c : 32;
    }
  }

  toString(): string {
    // Build in chunks: String.fromCharCode with a huge spread would overflow the stack.
    const parts: string[] = [];
    const CHUNK = 8192;
    for (let i = 0; i < this.chars.length; i += CHUNK) {
      parts.push(String.fromCharCode(...this.chars.subarray(i, Math.min(i + CHUNK, this.chars.length))));
    }
    return parts.join('');
  }
}
