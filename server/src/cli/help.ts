/** Usage and help texts. */

export const USAGE = `Usage: slant check [options] PATH...
       slant lsp --stdio
       slant help [check]
       slant --version`;

export function mainHelp(version: string): string {
  return `slant ${version}: source-critical reading for news. Flags loaded, partisan and unsupported
wording in articles and explains why each deserves a second look.

${USAGE}

Commands:
  check PATH...     Analyse Markdown or text files, or folders of them (.md, .markdown, .txt)
  lsp --stdio       Run the language server over stdio (for any LSP editor)
  help [COMMAND]    Show help for a command

Options:
  -h, --help        Show this help
  -v, --version     Show the version

Run 'slant help check' for the options of 'check'.
`;
}

export const CHECK_HELP = `Usage: slant check [options] PATH...

Analyses each file (a folder is searched recursively for .md, .markdown and .txt files,
skipping node_modules and folders whose name starts with a dot). '-' reads standard input.

Options:
  -f, --format FORMAT       Output: text (default), json or sarif
      --fail-on SEVERITY    Exit with 1 when a finding is at or above SEVERITY:
                            error, warning, info, hint, or none (default)
  -c, --category LIST       Only these categories (comma-separated, repeatable):
                            loaded, partisan, unsupported, attribution, speculation, boilerplate
      --config FILE         Settings file (default: the nearest .slant/config.json
                            in the current folder or above)
      --no-config           Do not look for a settings file
      --lexicon FILE        An extra lexicon file (repeatable), added to the built-in one
      --stdin-format FORMAT How to read standard input: text (default) or markdown
      --color, --no-color   Force colours on or off (default: on for a terminal, unless
                            NO_COLOR is set)
  -q, --quiet               Text output: findings only, no summary or notices
  -h, --help                Show this help

Exit status:
  0  the files were analysed and no finding reached --fail-on
  1  a finding reached the --fail-on severity
  2  a usage error, or an input, config or lexicon file could not be used
     (the other files are still analysed and reported)

Set SLANT_DEBUG=1 to see stack traces of internal errors.
`;
