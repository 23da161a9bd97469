/**
 * Where the language server's engine work runs. `Analyses` asks an `AnalysisEngine` for the
 * incremental analysis of a version and for the whole-document analysis; the answer is plain
 * data (`analysis-host.ts`).
 *
 * - `WorkerEngine` (the server's): one worker thread (`dist/analysis-worker.cjs`) runs the
 *   requests one at a time, so the main thread answers hovers, code actions, cancellations and
 *   edits while an analysis runs. A request whose caller gives up (a newer version, a closed
 *   document, cancelled requests) is dropped from the queue, or, when running, stopped through
 *   a shared flag the engine reads between chunks and rules. A worker that has not answered
 *   within the time budget plus a margin, or that does not stop within a grace period after a
 *   cancellation, is terminated and a new one started (its caches are lost, nothing else); the
 *   timed-out request answers `{ kind: 'timeout' }` and its document shows a notice.
 * - `InlineEngine`: the same host on the calling thread, giving the event loop a turn between
 *   chunks (for in-process tests, and when the worker file is missing).
 *
 * What crosses the boundary: the text (a copy per request, cheap next to analysing it), the
 * settings, the lexicon's entries and the gazetteer once per worker and key (compiled and kept
 * there), and back the findings, sentence ranges and notices, or the sourcing and stance.
 */
import { Worker } from 'node:worker_threads';
import { CancelledError } from '../engine/analyse.js';
import { builtinGazetteer, type Gazetteer } from '../engine/entities/gazetteer.js';
import { builtinLexicon, type Lexicon } from '../engine/lexicon/lexicon.js';
import { AnalysisHost, type AnalyseReply, type AnalyseRequest, type WholeReply, type WholeRequest } from './analysis-host.js';

/** What a caller gives with a request: a name for log lines, and whether it still wants the answer. */
export interface EngineJob {
  label: string;
  isCancelled(): boolean;
}

/** An answer, or the worker ran past its time budget plus the margin and was restarted. */
export type Outcome<T> = { kind: 'done'; value: T } | { kind: 'timeout'; ms: number };

export interface AnalysisEngine {
  /** Rejects with CancelledError when the job is cancelled, with an Error when the engine fails. */
  analyse(request: AnalyseRequest, job: EngineJob): Promise<Outcome<AnalyseReply>>;
  whole(request: WholeRequest, job: EngineJob): Promise<Outcome<WholeReply | null>>;
  /** A document closed: its caches go. */
  closed(uri: string): void;
  dispose(): void;
}

/** One turn of the event loop. */
export const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The host on this thread, cooperative between chunks. */
export class InlineEngine implements AnalysisEngine {
  private readonly host = new AnalysisHost();

  async analyse(request: AnalyseRequest, job: EngineJob): Promise<Outcome<AnalyseReply>> {
    const steps = this.host.analyse(request, () => job.isCancelled());
    for (;;) {
      const step = steps.next();
      if (step.done) return { kind: 'done', value: step.value };
      await turn();
    }
  }

  async whole(request: WholeRequest, job: EngineJob): Promise<Outcome<WholeReply | null>> {
    if (job.isCancelled()) throw new CancelledError();
    return { kind: 'done', value: this.host.whole(request, () => job.isCancelled()) };
  }

  closed(uri: string): void {
    this.host.closed(uri);
  }

  dispose(): void {}
}

// ── The worker's messages ───────────────────────────────────────────────────────────────────

/** Data sent once per worker and key; `BUILTIN_KEY` stands for the built-in data. */
export interface DataRef<D> {
  key: string;
  data?: D;
}
export const BUILTIN_KEY = 'builtin';

type Wire<R> = Omit<R, 'lexicon' | 'gazetteer'> & { lexicon: DataRef<Lexicon['entries']> };
export type WorkerRequest =
  | { kind: 'analyse'; id: number; cancel: SharedArrayBuffer; request: Wire<AnalyseRequest> }
  | { kind: 'whole'; id: number; cancel: SharedArrayBuffer; request: Wire<WholeRequest> & { gazetteer: DataRef<Gazetteer> } }
  | { kind: 'close'; uri: string };
export type WorkerReply =
  | { id: number; started: true }
  | { id: number; ok: true; value: AnalyseReply | WholeReply | null }
  | { id: number; ok: false; cancelled: boolean; message: string };

export interface WorkerEngineOptions {
  /** The worker's script (`dist/analysis-worker.cjs`). */
  file: string;
  log(message: string): void;
  /** Worker threads (default 2): one long analysis leaves another for the other documents. */
  workers?: number;
  /** Milliseconds past the time budget before a silent worker is restarted. */
  marginMs?: number;
  /** Milliseconds a running request may take to stop once cancelled before the worker is restarted. */
  graceMs?: number;
  /** Milliseconds between looks at whether a running request is still wanted. */
  pollMs?: number;
}

/** Margin past the time budget: an engine stage is not interrupted, and compiling a new lexicon takes a moment. */
export const WORKER_MARGIN_MS = 2_000;
export const CANCEL_GRACE_MS = 1_000;

interface Job {
  id: number;
  kind: 'analyse' | 'whole';
  request: AnalyseRequest | WholeRequest;
  budgetMs: number;
  job: EngineJob;
  resolve(outcome: Outcome<AnalyseReply | WholeReply | null>): void;
  reject(error: unknown): void;
}

interface Running {
  job: Job;
  flag: Int32Array;
  started: number;
  timers: NodeJS.Timeout[];
  stopping: boolean;
  /** The worker has taken the request up (the grace period after a cancellation counts from then). */
  acknowledged: boolean;
}

/** One worker thread and what it holds: the request it runs, the data it was sent, the documents it caches. */
interface Slot {
  worker: Worker | null;
  running: Running | null;
  sent: Set<string>;
  uris: Set<string>;
}

export class WorkerEngine implements AnalysisEngine {
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private nextId = 0;
  private readonly keys = new WeakMap<object, string>();
  private nextKey = 0;
  private disposed = false;
  /** Worker threads started so far (for tests and measurements). */
  started = 0;

  constructor(private readonly options: WorkerEngineOptions) {
    this.slots = Array.from({ length: Math.max(1, options.workers ?? 2) }, () => ({ worker: null, running: null, sent: new Set<string>(), uris: new Set<string>() }));
  }

  analyse(request: AnalyseRequest, job: EngineJob): Promise<Outcome<AnalyseReply>> {
    return this.submit('analyse', request, request.timeBudgetMs, job) as Promise<Outcome<AnalyseReply>>;
  }

  whole(request: WholeRequest, job: EngineJob): Promise<Outcome<WholeReply | null>> {
    return this.submit('whole', request, request.settings.timeBudgetMs, job) as Promise<Outcome<WholeReply | null>>;
  }

  closed(uri: string): void {
    for (const slot of this.slots) {
      if (slot.uris.delete(uri)) slot.worker?.postMessage({ kind: 'close', uri } satisfies WorkerRequest);
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const j of this.queue.splice(0)) j.reject(new CancelledError());
    for (const slot of this.slots) {
      const running = slot.running;
      if (running) this.finish(slot, running, () => running.job.reject(new CancelledError()));
      void slot.worker?.terminate();
      slot.worker = null;
    }
  }

  private submit(kind: Job['kind'], request: Job['request'], budgetMs: number, job: EngineJob): Promise<Outcome<AnalyseReply | WholeReply | null>> {
    if (this.disposed) return Promise.reject(new CancelledError());
    return new Promise((resolve, reject) => {
      this.queue.push({ id: ++this.nextId, kind, request, budgetMs, job, resolve, reject });
      this.pump();
    });
  }

  /**
   * Sends queued requests to free workers, oldest first. A document's incremental analysis goes
   * back to the worker that holds its chunk cache; while that worker is busy with the same
   * document (an older version on its way out) the request waits for it, otherwise any free
   * worker takes it. A whole-document analysis goes to another worker than that one (when there
   * is another), so the summary after a pause never holds up the next keystroke's diagnostics.
   */
  private pump(): void {
    for (let i = 0; i < this.queue.length; ) {
      const job = this.queue[i] as Job;
      if (job.job.isCancelled()) {
        this.queue.splice(i, 1);
        job.reject(new CancelledError());
        continue;
      }
      const uri = job.request.uri;
      const home = this.slots.find((s) => s.uris.has(uri));
      const free = (s: Slot): boolean => s.running === null;
      const slot =
        job.kind === 'whole'
          ? this.slots.find((s) => free(s) && (s !== home || this.slots.length === 1))
          : home && (free(home) || home.running?.job.request.uri === uri)
            ? home
            : this.slots.find(free);
      if (!slot || slot.running !== null) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      if (home && home !== slot) this.closed(uri);
      this.start(slot, job);
    }
  }

  private start(slot: Slot, job: Job): void {
    const cancel = new SharedArrayBuffer(4);
    try {
      const worker = this.ensureWorker(slot);
      worker.postMessage(this.message(slot, job, cancel));
    } catch (error) {
      job.reject(error);
      return;
    }
    if (job.kind === 'analyse') slot.uris.add(job.request.uri);
    const running: Running = { job, flag: new Int32Array(cancel), started: performance.now(), timers: [], stopping: false, acknowledged: false };
    slot.running = running;
    const limit = job.budgetMs + (this.options.marginMs ?? WORKER_MARGIN_MS);
    running.timers.push(
      setTimeout(() => {
        this.options.log(`analysis worker: ${job.job.label} took longer than ${limit} ms (time budget ${job.budgetMs} ms); restarting the worker`);
        this.finish(slot, running, () => job.resolve({ kind: 'timeout', ms: job.budgetMs }));
        this.restart(slot);
      }, limit),
      setInterval(() => this.watch(slot, running), this.options.pollMs ?? 20),
    );
  }

  /** Stops a running request once its caller gives up (see `graceTimer`). */
  private watch(slot: Slot, running: Running): void {
    if (running.stopping || !running.job.job.isCancelled()) return;
    running.stopping = true;
    Atomics.store(running.flag, 0, 1);
    const ms = Math.round(performance.now() - running.started);
    this.options.log(`analysis worker: stopping ${running.job.job.label} after ${ms} ms (no longer wanted)`);
    if (running.acknowledged) this.graceTimer(slot, running);
  }

  /**
   * Restarts the worker if a cancelled request it has taken up does not stop within the grace
   * period (a worker still starting up reads the flag as soon as it takes the request).
   */
  private graceTimer(slot: Slot, running: Running): void {
    const grace = this.options.graceMs ?? CANCEL_GRACE_MS;
    running.timers.push(
      setTimeout(() => {
        this.options.log(`analysis worker: ${running.job.job.label} did not stop within ${grace} ms; restarting the worker`);
        this.finish(slot, running, () => running.job.reject(new CancelledError()));
        this.restart(slot);
      }, grace),
    );
  }

  private finish(slot: Slot, running: Running, settle: () => void): void {
    if (slot.running !== running) return;
    for (const t of running.timers) clearTimeout(t);
    slot.running = null;
    settle();
  }

  private ensureWorker(slot: Slot): Worker {
    if (slot.worker) return slot.worker;
    const worker = new Worker(this.options.file);
    this.started++;
    slot.sent = new Set();
    slot.uris = new Set();
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      const running = slot.running;
      if (worker !== slot.worker || running === null || reply.id !== running.job.id) return;
      if ('started' in reply) {
        running.acknowledged = true;
        if (running.stopping) this.graceTimer(slot, running);
        return;
      }
      this.finish(slot, running, () => {
        if (reply.ok) running.job.resolve({ kind: 'done', value: reply.value });
        else running.job.reject(reply.cancelled ? new CancelledError() : new Error(reply.message));
      });
      this.pump();
    });
    worker.on('error', (error) => this.lost(slot, worker, error));
    worker.on('exit', (code) => this.lost(slot, worker, new Error(`the analysis worker stopped (exit code ${code})`)));
    slot.worker = worker;
    return worker;
  }

  /** A worker died on its own (a crash, out of memory): its request fails, the rest go on. */
  private lost(slot: Slot, worker: Worker, error: Error): void {
    if (worker !== slot.worker) return;
    slot.worker = null;
    const running = slot.running;
    if (running) this.finish(slot, running, () => running.job.reject(error));
    if (!this.disposed) this.pump();
  }

  private restart(slot: Slot): void {
    const worker = slot.worker;
    slot.worker = null;
    void worker?.terminate();
    if (!this.disposed) this.pump();
  }

  private message(slot: Slot, job: Job, cancel: SharedArrayBuffer): WorkerRequest {
    const lexicon = this.ref(slot, job.request.lexicon, builtinLexicon(), (l) => l.entries);
    if (job.kind === 'analyse') return { kind: 'analyse', id: job.id, cancel, request: { ...(job.request as AnalyseRequest), lexicon } };
    const whole = job.request as WholeRequest;
    const gazetteer = this.ref(slot, whole.gazetteer, builtinGazetteer(), (g) => g);
    return { kind: 'whole', id: job.id, cancel, request: { ...whole, lexicon, gazetteer } };
  }

  /** The data's key, with the data itself the first time this worker gets it. */
  private ref<T extends object, D>(slot: Slot, value: T, builtin: T, data: (value: T) => D): DataRef<D> {
    if (value === builtin) return { key: BUILTIN_KEY };
    let key = this.keys.get(value);
    if (key === undefined) {
      key = `k${++this.nextKey}`;
      this.keys.set(value, key);
    }
    if (slot.sent.has(key)) return { key };
    slot.sent.add(key);
    return { key, data: data(value) };
  }
}
