/**
 * The entry of `dist/import.cjs`: the importer's exports, and, when the bundle runs as a worker
 * thread started by `importInWorker` (load.ts), one import: the page from `workerData`, the
 * result posted back. A large page then never blocks the thread that asked for it.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { ImportError, importHtml } from './html.js';

export { ImportError, importHtml } from './html.js';

/** What the worker posts back. */
export type WorkerAnswer = { ok: true; markdown: string } | { ok: false; message: string; importError: boolean };

const job = workerData as { slantImport?: string } | null;
if (!isMainThread && parentPort !== null && typeof job?.slantImport === 'string') {
  let answer: WorkerAnswer;
  try {
    answer = { ok: true, markdown: importHtml(job.slantImport).markdown };
  } catch (error) {
    answer = { ok: false, message: error instanceof Error ? error.message : String(error), importError: error instanceof ImportError };
  }
  parentPort.postMessage(answer);
}
