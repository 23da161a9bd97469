/**
 * The command dispatcher: `slant check ...`, `slant compare ...`, `slant import FILE`, `slant help [command]`, `slant --help`,
 * `slant --version`. Returns the exit status; never exits the process itself.
 */
import { parseArgs, UsageError, type OptionSpec } from './args.js';
import { CHECK_OPTIONS, checkOptions, runCheck } from './check.js';
import { COMPARE_OPTIONS, compareOptions, runCompare } from './compare.js';
import { CHECK_HELP, COMPARE_HELP, IMPORT_HELP, mainHelp, USAGE } from './help.js';
import { IMPORT_OPTIONS, importOptions, runImport } from './import.js';
import { EXIT_OK, EXIT_TROUBLE, report, type Io } from './io.js';

const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: 'help', short: 'h', type: 'flag' },
  { name: 'version', short: 'v', type: 'flag' },
];

const COMMANDS = ['check', 'compare', 'import', 'help'];

const HELP = new Map([
  ['check', CHECK_HELP],
  ['compare', COMPARE_HELP],
  ['import', IMPORT_HELP],
]);

function usageError(io: Io, message: string): number {
  report(io, message);
  io.err(`${USAGE}\nRun 'slant help' or 'slant help COMMAND' for details.\n`);
  return EXIT_TROUBLE;
}

/** The exit status; a promise for `import`, which loads its importer when it runs. */
export function run(argv: readonly string[], io: Io, version: string): number | Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined) return usageError(io, 'no command given');
    if (command.startsWith('-') && command !== '-') {
      const args = parseArgs(argv, GLOBAL_OPTIONS);
      if (args.options.get('version') === true) {
        io.out(`${version}\n`);
        return EXIT_OK;
      }
      if (args.options.get('help') === true) {
        io.out(mainHelp(version));
        return EXIT_OK;
      }
      return usageError(io, `unexpected ${JSON.stringify(args.positionals[0] ?? command)} before a command`);
    }
    switch (command) {
      case 'help': {
        const topic = rest[0];
        if (topic === undefined) {
          io.out(mainHelp(version));
          return EXIT_OK;
        }
        const help = HELP.get(topic);
        if (help !== undefined) {
          io.out(help);
          return EXIT_OK;
        }
        return usageError(io, `no help for ${JSON.stringify(topic)} (commands: ${COMMANDS.join(', ')})`);
      }
      case 'check': {
        const args = parseArgs(rest, CHECK_OPTIONS);
        if (args.options.get('help') === true) {
          io.out(CHECK_HELP);
          return EXIT_OK;
        }
        return runCheck(checkOptions(args), io, version).exitCode;
      }
      case 'compare': {
        const args = parseArgs(rest, COMPARE_OPTIONS);
        if (args.options.get('help') === true) {
          io.out(COMPARE_HELP);
          return EXIT_OK;
        }
        return runCompare(compareOptions(args), io);
      }
      case 'import': {
        const args = parseArgs(rest, IMPORT_OPTIONS);
        if (args.options.get('help') === true) {
          io.out(IMPORT_HELP);
          return EXIT_OK;
        }
        return runImport(importOptions(args), io);
      }
      default:
        return usageError(io, `unknown command ${JSON.stringify(command)} (commands: ${COMMANDS.join(', ')})`);
    }
  } catch (error) {
    if (error instanceof UsageError) return usageError(io, error.message);
    throw error;
  }
}
