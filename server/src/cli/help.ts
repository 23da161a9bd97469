/** Usage and help texts. */

export const USAGE = `Usage: slant check [options] PATH...
       slant compare [options] FILE FILE...
       slant import [-o FILE.md] PAGE.html
       slant lsp --stdio
       slant help [check|compare|import]
       slant --version`;

export function mainHelp(version: string): string {
  return `slant ${version}: source-critical reading for news. Flags loaded, partisan and unsupported
wording in articles and explains why each deserves a second look.

${USAGE}

Commands:
  check PATH...     Analyse Markdown or text files, or folders of them (.md, .markdown, .txt)
  compare FILE...   Compare outlets' accounts of one story: stance toward each entity,
                    loaded wording, sourcing, naming, vocabulary and aligned passages
  import PAGE.html  Turn a saved web page into a Markdown article with front matter
  lsp --stdio       Run the language server over stdio (for any LSP editor)
  help [COMMAND]    Show help for a command

Options:
  -h, --help        Show this help
  -v, --version     Show the version

Run 'slant help check', 'slant help compare' or 'slant help import' for a command's options.
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
      --config FILE         Settings file (default: config.json in the nearest .slant
                            folder in the current folder or above, whose *.lexicon.json
                            files are read too)
      --no-config           Do not look for a .slant folder
      --lexicon FILE        An extra lexicon file (repeatable), added to the built-in one
      --max-data-file-mb N  The largest config, lexicon or entity file read (default 4);
                            a larger one, or one that is not a regular file, is refused
      --stdin-format FORMAT How to read standard input: text (default) or markdown
      --time-budget MS      Milliseconds each document's analysis may take (default 10000,
                            or timeBudgetMs in the config); past it the checks not yet run
                            are skipped with a notice
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

export const COMPARE_HELP = `Usage: slant compare [options] FILE FILE...

Compares two or more articles, usually different outlets' accounts of the same story: each
document's stance toward each entity it names (-1 hostile ... +1 sympathetic, with confidence,
mentions and evidence sentences), loaded wording per 1,000 words and sourcing, naming choices
that differ, vocabulary distinctive of each outlet, and passages of different documents that
report the same fact. Files and folders are read as 'slant check' reads them.

Options:
  -f, --format FORMAT       Output: text (default), json or html (a self-contained report)
  -o, --output FILE         Write the report to FILE instead of standard output
      --outlet PATH=NAME    Name the outlet of document PATH (repeatable); by default it comes
                            from front matter, cues in the text, then the file name
      --entities FILE       An extra gazetteer file (repeatable), added to the built-in one
      --config FILE         Settings file (default: the nearest .slant/config.json
                            in the current folder or above); its "entities" lists extra
                            gazetteer files, relative to it
      --no-config           Do not look for a settings file
      --lexicon FILE        An extra lexicon file (repeatable), added to the built-in one
      --max-data-file-mb N  The largest config, lexicon or entity file read (default 4)
      --color, --no-color   Force colours on or off (default: on for a terminal, unless
                            NO_COLOR is set or --output is given)
  -h, --help                Show this help

Exit status:
  0  the documents were compared
  2  a usage error, fewer than two documents could be read, or an input, config, lexicon
     or gazetteer file could not be used (the rest are still compared)
`;

export const IMPORT_HELP = `Usage: slant import [options] PAGE.html

Finds the article in a web page you saved (File > Save Page As... > HTML) with Readability
(the Firefox reader view), converts it to Markdown and writes front matter from the page:
title, outlet (the site name), author, date and url (the canonical link). Nothing is fetched:
give a saved file, not a URL. Pages over 20 MB are refused.

Options:
  -o, --output FILE   Write the Markdown to FILE (default: standard output); an existing
                      file is not replaced unless --force is given, a link never followed
      --force         Replace an existing output file
  -h, --help          Show this help

Exit status:
  0  the article was written
  2  a usage error (a URL, no file), or the page could not be read or holds no article
`;
