/**
 * A small command-line parser: long options (`--name value`, `--name=value`), short aliases
 * (`-f value`), boolean flags with a `--no-` form, repeatable options, `--` to end options and
 * `-` as a positional (standard input). Problems throw UsageError with a one-line reason.
 */

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface OptionSpec {
  /** Long name, without the dashes. */
  name: string;
  /** One-letter alias, without the dash. */
  short?: string;
  /** 'flag' takes no value; 'value' takes one. */
  type: 'flag' | 'value';
  /** A value option that may be given more than once (values are collected in order). */
  multiple?: boolean;
  /** A flag that also has a `--no-NAME` form (which sets it to false). */
  negatable?: boolean;
  /** Allowed values, checked here. */
  choices?: readonly string[];
}

export type OptionValue = string | boolean | string[];

export interface ParsedArgs {
  options: Map<string, OptionValue>;
  positionals: string[];
}

/** Parses `argv` against the specs. Throws UsageError on an unknown option or a missing/bad value. */
export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short !== undefined).map((s) => [s.short as string, s]));
  const options = new Map<string, OptionValue>();
  const positionals: string[] = [];

  const set = (spec: OptionSpec, value: string | boolean, shown: string): void => {
    if (typeof value === 'string' && spec.choices && !spec.choices.includes(value)) {
      throw new UsageError(`invalid value ${JSON.stringify(value)} for ${shown} (expected ${spec.choices.join(', ')})`);
    }
    if (spec.multiple && typeof value === 'string') {
      const list = options.get(spec.name);
      options.set(spec.name, Array.isArray(list) ? [...list, value] : [value]);
    } else options.set(spec.name, value);
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    let spec: OptionSpec | undefined;
    let inline: string | undefined;
    let shown: string;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
      shown = `--${name}`;
      spec = byName.get(name);
      if (spec === undefined && name.startsWith('no-')) {
        const negated = byName.get(name.slice(3));
        if (negated?.negatable) {
          if (inline !== undefined) throw new UsageError(`option ${shown} does not take a value`);
          options.set(negated.name, false);
          continue;
        }
      }
    } else {
      // -f, -fVALUE
      shown = arg.slice(0, 2);
      spec = byShort.get(arg.charAt(1));
      if (arg.length > 2) inline = arg.slice(2);
    }
    if (spec === undefined) throw new UsageError(`unknown option ${JSON.stringify(shown)}`);
    if (spec.type === 'flag' && inline !== undefined && !arg.startsWith('--')) {
      // Bundled short flags: -qh.
      for (const c of arg.slice(1)) {
        const s = byShort.get(c);
        if (s === undefined) throw new UsageError(`unknown option ${JSON.stringify('-' + c)}`);
        if (s.type !== 'flag') throw new UsageError(`option -${c} needs a value and cannot be bundled in ${JSON.stringify(arg)}`);
        set(s, true, `-${c}`);
      }
      continue;
    }
    if (spec.type === 'flag') {
      if (inline !== undefined) throw new UsageError(`option ${shown} does not take a value`);
      set(spec, true, shown);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-')) throw new UsageError(`option ${shown} needs a value`);
      value = next;
      i++;
    }
    set(spec, value, shown);
  }
  return { options, positionals };
}

/** A string option's value (the last one given), or undefined. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  if (Array.isArray(v)) return v[v.length - 1];
  return typeof v === 'string' ? v : undefined;
}

/** A repeatable option's values, in order. */
export function listOption(args: ParsedArgs, name: string): string[] {
  const v = args.options.get(name);
  if (Array.isArray(v)) return v;
  return typeof v === 'string' ? [v] : [];
}

/** A flag: true, false (its `--no-` form) or undefined (not given). */
export function flagOption(args: ParsedArgs, name: string): boolean | undefined {
  const v = args.options.get(name);
  return typeof v === 'boolean' ? v : undefined;
}
