/**
 * The language server's latency alone (the same section `npm run bench` ends with): keystroke →
 * diagnostics on a 3,000- and a 50,000-word article, and hovers on a small document while a
 * long one is analysed. Runs a real LSP client over stdio against `dist/server.cjs` (run
 * `npm run build` first; this script builds nothing), or against another build's server with
 * `--server PATH` (to compare before and after a change). Asserts nothing.
 *
 *   node --import tsx scripts/bench-lsp.ts [--keys 30] [--interval 50] [--server dist/server.cjs]
 */
import * as path from 'node:path';
import { lspBench, lspTables } from './lib/lsp-bench.js';
import { renderTable } from './lib/table.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const results = await lspBench(path.resolve(arg('server') ?? 'dist/server.cjs'), {
  keys: Number(arg('keys') ?? 30),
  interval: Number(arg('interval') ?? 50),
  log: (m) => process.stderr.write(`${m}\n`),
});
console.log(JSON.stringify(results, null, 2));
for (const t of lspTables(results)) console.log(`\n${renderTable(t)}`);
