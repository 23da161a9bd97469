// Bundles the CLI, the language server and the VS Code client with esbuild.
// Every bundle is CommonJS for Node 20 with its npm dependencies inlined, so the package runs
// without node_modules and nothing is fetched at run time.
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';
import { existsSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
  // engine/nlp/tagger.ts reaches `import.meta.url` only when run unbundled (tsx); in a bundle it
  // uses the bundle's `require`, so the empty `import.meta` there is never read.
  logOverride: { 'empty-import-meta': 'silent' },
};

const bundles = [
  // The `slant` command: a small launcher that loads the CLI bundle with its code cache.
  { entryPoints: ['server/src/cli/launch.ts'], outfile: 'dist/cli.cjs', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli-main.cjs' },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.cjs' },
  // The language server's analysis worker thread, loaded from beside dist/server.cjs.
  { entryPoints: ['server/src/lsp/analysis-worker.ts'], outfile: 'dist/analysis-worker.cjs' },
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.cjs', external: ['vscode'] },
  // The page importer (Readability, linkedom, turndown), loaded by the CLI and the client only
  // when a page is imported (server/src/import/load.ts); the client runs it as a worker thread.
  { entryPoints: ['server/src/import/bundle.ts'], outfile: 'dist/import.cjs' },
];

for (const b of bundles) {
  if (!existsSync(b.entryPoints[0])) continue;
  await build({ ...common, ...b });
}
if (existsSync('dist/cli.cjs')) await chmod('dist/cli.cjs', 0o755);

// The CLI bundle's V8 code cache, compiled by one check of the samples (see scripts/code-cache.ts).
// Without it the CLI runs the same, only compiling its code at each start.
if (existsSync('dist/cli-main.cjs')) {
  rmSync('dist/cli-main.cache', { force: true });
  const made = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/code-cache.ts'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (made.status !== 0 || !existsSync('dist/cli-main.cache')) console.warn('build: no code cache for the CLI (it will compile at each start)');
}
