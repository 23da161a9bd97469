/**
 * The analysis worker (bundled as `dist/analysis-worker.cjs`): a worker thread of the language
 * server that runs `AnalysisHost`, one request at a time, so a long analysis never holds up the
 * editor's requests on the server's main thread. Messages are the `WorkerRequest`s of
 * `engines.ts`; lexicons and gazetteers arrive as plain data once per key and are compiled and
 * kept here. A request is cancelled through its shared flag, which the engine reads between
 * chunks and rules.
 */
import { parentPort } from 'node:worker_threads';
import { analyse, CancelledError } from '../engine/analyse.js';
import { builtinGazetteer, type Gazetteer } from '../engine/entities/gazetteer.js';
import { builtinLexicon, Lexicon } from '../engine/lexicon/lexicon.js';
import { AnalysisHost } from './analysis-host.js';
import { BUILTIN_KEY, type DataRef, type WorkerReply, type WorkerRequest } from './engines.js';

/** Compiled data kept per key; the oldest goes once there are more than a few. */
class DataCache<D, T> {
  private readonly map = new Map<string, T>();

  constructor(
    private readonly builtin: () => T,
    private readonly compile: (data: D) => T,
  ) {}

  resolve(ref: DataRef<D>): T {
    if (ref.key === BUILTIN_KEY) return this.builtin();
    let value = this.map.get(ref.key);
    if (value === undefined) {
      if (ref.data === undefined) throw new Error(`analysis worker: no data for ${ref.key}`);
      value = this.compile(ref.data);
      this.map.set(ref.key, value);
      if (this.map.size > 4) this.map.delete(this.map.keys().next().value as string);
    }
    return value;
  }
}

const port = parentPort;
if (port === null) throw new Error('analysis-worker.cjs runs as a worker thread of the Slant language server');
const host = new AnalysisHost();
// Compile the built-in data and warm the engine before the first request, so its time budget
// is spent on the document, not on start-up (messages wait meanwhile).
analyse('# Warm-up\n\nThe council met on Monday. “It will pass,” said the mayor, according to officials.\n', { format: 'markdown' });
builtinGazetteer();
const lexicons = new DataCache(builtinLexicon, (entries: Lexicon['entries']) => new Lexicon([...entries]));
const gazetteers = new DataCache<Gazetteer, Gazetteer>(builtinGazetteer, (g) => g);

port.on('message', (message: WorkerRequest) => {
  if (message.kind === 'close') {
    host.closed(message.uri);
    return;
  }
  const flag = new Int32Array(message.cancel);
  const isCancelled = (): boolean => Atomics.load(flag, 0) !== 0;
  // Cancelled while it waited (this worker was starting up): not begun at all.
  if (isCancelled()) {
    port.postMessage({ id: message.id, ok: false, cancelled: true, message: 'cancelled' } satisfies WorkerReply);
    return;
  }
  port.postMessage({ id: message.id, started: true } satisfies WorkerReply);
  let reply: WorkerReply;
  try {
    if (message.kind === 'analyse') {
      const { lexicon, ...rest } = message.request;
      const run = host.analyse({ ...rest, lexicon: lexicons.resolve(lexicon) }, isCancelled);
      let step = run.next();
      while (!step.done) step = run.next();
      reply = { id: message.id, ok: true, value: step.value };
    } else {
      const { lexicon, gazetteer, ...rest } = message.request;
      reply = { id: message.id, ok: true, value: host.whole({ ...rest, lexicon: lexicons.resolve(lexicon), gazetteer: gazetteers.resolve(gazetteer) }, isCancelled) };
    }
  } catch (error) {
    reply = { id: message.id, ok: false, cancelled: error instanceof CancelledError, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply);
});
