/**
 * Loads the page importer (Readability, linkedom and turndown: about 1.4 MB of code) only when
 * a page is imported. The build makes it a bundle of its own, `dist/import.cjs`, which the CLI
 * and the editor extension load from their own folder, so neither `slant check` nor the
 * extension's start-up reads it. Run from source (tests, tsx), the module is imported instead.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WorkerAnswer } from './bundle.js';

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

/** A page that could not be imported: `importError` when the page is at fault (no article...), not the importer. */
export class ImportFailed extends Error {
  constructor(
    message: string,
    readonly importError: boolean,
  ) {
    super(message);
  }
}

/**
 * Imports `html` in a worker thread running `dir/import.cjs`, so the caller's thread (the
 * editor's extension host) stays free however large the page; stopped after `timeoutMs`. From
 * source (no bundle) it runs in this thread. Resolves to the Markdown; rejects with ImportFailed.
 */
export async function importInWorker(dir: string, html: string, timeoutMs: number): Promise<string> {
  const bundle = path.join(dir, IMPORT_BUNDLE);
  if (!fs.existsSync(bundle)) {
    const { importHtml, ImportError } = await loadImporter(dir);
    try {
      return importHtml(html).markdown;
    } catch (error) {
      throw new ImportFailed(error instanceof Error ? error.message : String(error), error instanceof ImportError);
    }
  }
  return new Promise<string>((resolve, reject) => {
    const worker = new Worker(bundle, { workerData: { slantImport: html } });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new ImportFailed(`the page took longer than ${Math.round(timeoutMs / 1000)} s to read`, true));
    }, timeoutMs);
    const done = (): void => clearTimeout(timer);
    worker.once('message', (answer: WorkerAnswer) => {
      done();
      void worker.terminate();
      if (answer.ok) resolve(answer.markdown);
      else reject(new ImportFailed(answer.message, answer.importError));
    });
    worker.once('error', (error) => {
      done();
      reject(new ImportFailed(error.message, false));
    });
    worker.once('exit', (code) => {
      done();
      reject(new ImportFailed(`the importer stopped (exit code ${code})`, false));
    });
  });
}
