/**
 * The `slant` command as installed (bundled to dist/cli.cjs): loads the CLI bundle beside it
 * with its code cache (see code-cache.ts). The command itself is main.ts.
 */
import { compileMain, readCodeCache, runMain } from './code-cache.js';

runMain(compileMain(__dirname, readCodeCache(__dirname)), __dirname);
