/**
 * Writes the V8 code cache of the CLI bundle (dist/cli-main.cache); run by scripts/build.mjs
 * after bundling. It loads dist/cli-main.cjs as the launcher does, runs one check of the bundled
 * samples so that the functions a check needs are compiled, and saves the compiled code when the
 * process exits. The check's output is discarded by the caller.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CODE_CACHE, compileMain, runMain } from '../server/src/cli/code-cache.js';
import { repoRoot } from './lib/data.js';

const dist = path.join(repoRoot, 'dist');
const script = compileMain(dist);
process.argv = [process.argv[0] as string, path.join(dist, 'cli.cjs'), 'check', '--no-config', '--format', 'json', path.join(repoRoot, 'samples')];
process.on('exit', () => {
  writeFileSync(path.join(dist, CODE_CACHE), script.createCachedData());
  // The samples' findings set the exit code; the cache is what this run is for.
  process.exitCode = 0;
});
runMain(script, dist);
