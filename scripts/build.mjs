// Bundles the CLI, the language server and the VS Code client with esbuild.
// Every bundle is CommonJS for Node 20 with its npm dependencies inlined, so the package runs
// without node_modules and nothing is fetched at run time.
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';
import { existsSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

const bundles = [
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.cjs', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.cjs' },
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.cjs', external: ['vscode'] },
];

for (const b of bundles) {
  if (!existsSync(b.entryPoints[0])) continue;
  await build({ ...common, ...b });
}
if (existsSync('dist/cli.cjs')) await chmod('dist/cli.cjs', 0o755);
