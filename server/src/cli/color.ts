/** ANSI colouring, on or off, and the rule deciding which. */

export interface Palette {
  enabled: boolean;
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  gray(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  underline(s: string): string;
}

const wrap =
  (open: number, close: number) =>
  (s: string): string =>
    s === '' ? s : `\u001b[${open}m${s}\u001b[${close}m`;

const plain = (s: string): string => s;

export function palette(enabled: boolean): Palette {
  if (!enabled) {
    return { enabled, red: plain, yellow: plain, cyan: plain, gray: plain, green: plain, dim: plain, bold: plain, underline: plain };
  }
  return {
    enabled,
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
    gray: wrap(90, 39),
    green: wrap(32, 39),
    dim: wrap(2, 22),
    bold: wrap(1, 22),
    underline: wrap(4, 24),
  };
}

/**
 * Colour when asked (`--color` / `--no-color`), else when the output is a terminal and
 * NO_COLOR is not set (https://no-color.org: any non-empty value).
 */
export function useColor(flag: boolean | undefined, isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY;
}

/** Replaces control characters (escape sequences in a file's text, line breaks) so one finding stays one line. */
export function sanitise(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => (c === '\t' || c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029' ? ' ' : '\ufffd'));
}
