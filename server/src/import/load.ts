/**
 * Loads the page importer (Readability, linkedom and turndown: about 1.5 MB of code) only when
 * a page is imported. The build makes it a bundle of its own, `dist/import.cjs`, which the CLI
 * and the editor extension load from their own folder, so neither `slant check` nor the
 * extension's start-up reads it. Run from source (tests, tsx), the module is imported instead.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

export type Importer = typeof import('./html.js');

/** The importer bundle's file name, beside the CLI and client bundles. */
export const IMPORT_BUNDLE = 'import.cjs';

/** The importer: `dir/import.cjs` when it is there, else the source module. */
export async function loadImporter(dir: string): Promise<Importer> {
  const bundle = path.join(dir, IMPORT_BUNDLE);
  if (fs.existsSync(bundle)) return createRequire(bundle)(bundle) as Importer;
  // A name the bundler does not follow: the bundles never inline the importer.
  const source = './html.js';
  return (await import(source)) as Importer;
}
