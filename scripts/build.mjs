// Bundles the CLI (and later the language server and the VS Code client) with esbuild.
// Every bundle is CommonJS for Node 20, with all npm dependencies inlined, so the package
// runs without node_modules and nothing is fetched at run time.
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

await build({
  ...common,
  entryPoints: ['server/src/cli/main.ts'],
  outfile: 'dist/cli.cjs',
  banner: { js: '#!/usr/bin/env node' },
});
await chmod('dist/cli.cjs', 0o755);
