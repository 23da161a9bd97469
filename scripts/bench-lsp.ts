/**
 * Language server latency while typing: a real LSP client over stdio against `dist/server.cjs`
 * (run `npm run build` first; this script builds nothing). For a generated 3,000-word and
 * 50,000-word article it opens the document, pulls diagnostics once (cold), then types 30
 * characters one at a time about 50 ms apart, pulling diagnostics after each keystroke, and
 * prints the time from the keystroke to the diagnostics (median and p95), and, for comparison,
 * the engine's time on the whole text without chunks. Asserts nothing.
 *
 *   node --import tsx scripts/bench-lsp.ts [--keys 30] [--interval 50]
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyse } from '../server/src/engine/index.js';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  InitializedNotification,
  InitializeRequest,
  RegistrationRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const KEYS = arg('keys', 30);
const INTERVAL = arg('interval', 50);

// Sentences for a plausible article: some loaded wording, some quotations with speakers.
const SENTENCES = [
  'The regime announced new measures on Tuesday after a week of protests in the capital.',
  'Officials said the plan would cost about 40 million dollars over three years.',
  '“We will not back down,” said Interior Minister Clara Voss at a briefing.',
  'Critics slammed the decision as a massive overreach by the government.',
  'The opposition claimed that the vote had been rigged, without offering evidence.',
  'Residents described long queues at petrol stations and shuttered shops.',
  'According to the central bank, inflation reached 12 percent in March.',
  '“This is a disaster for ordinary families,” she said.',
  'Analysts warned that the crisis could deepen if talks collapse.',
  'The so-called reform package was passed by a narrow margin late at night.',
  'Police used tear gas to disperse a crowd of several hundred people.',
  'A spokesperson for the ministry did not respond to a request for comment.',
];

function article(words: number): string {
  const parts = ['---', 'outlet: The Daily Bench', 'title: A generated article', '---', '', '# A generated article', ''];
  let count = 0;
  let k = 0;
  while (count < words) {
    // Every paragraph differs (its day number), so nothing is reused between paragraphs.
    const paragraph: string[] = [`On day ${k + 1} of the dispute, reporters counted ${(k * 37) % 1000} people outside.`];
    count += (paragraph[0] as string).split(/\s+/).length;
    const n = 3 + (k % 3);
    for (let i = 0; i < n; i++) {
      const s = SENTENCES[(k * 7 + i * 5) % SENTENCES.length] as string;
      paragraph.push(s);
      count += s.split(/\s+/).length;
    }
    parts.push(paragraph.join(' '), '');
    k++;
  }
  return parts.join('\n');
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function bench(words: number): Promise<void> {
  const server = spawn(process.execPath, [path.resolve('dist/server.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({ analyse: 'all' })));
  connection.onRequest(RegistrationRequest.type, () => undefined);
  connection.onUnhandledNotification(() => undefined);
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: null,
    capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { configuration: true, diagnostics: { refreshSupport: true } } },
  });
  await connection.sendNotification(InitializedNotification.type, {});

  let text = article(words);
  const uri = `untitled:bench-${words}.md`;
  let version = 1;
  await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version, text } });
  const pull = async (): Promise<{ ms: number; items: number; bytes: number }> => {
    const t0 = performance.now();
    const report: DocumentDiagnosticReport = await connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    const ms = performance.now() - t0;
    const items = report.kind === 'full' ? report.items.length : 0;
    return { ms, items, bytes: report.kind === 'full' ? JSON.stringify(report.items).length : 0 };
  };
  const cold = await pull();

  // Type in the middle of the document, at the end of a sentence-long line.
  const at = text.indexOf('\n\n', Math.floor(text.length / 2));
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  let character = at - (before.lastIndexOf('\n') + 1);
  const typed = ' And more words typed here';
  const latencies: number[] = [];
  for (let i = 0; i < KEYS; i++) {
    const c = typed[i % typed.length] as string;
    const t0 = performance.now();
    version++;
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: c }],
    });
    text = text.slice(0, at + i) + c + text.slice(at + i);
    character++;
    await pull();
    const ms = performance.now() - t0;
    latencies.push(ms);
    if (ms < INTERVAL) await sleep(INTERVAL - ms);
  }
  const last = await pull();
  const real = text.split(/\s+/).filter(Boolean).length;
  console.log(
    `${String(real).padStart(6)} words (${(text.length / 1024).toFixed(0)} KiB, ${last.items} diagnostics, ${(last.bytes / 1024).toFixed(0)} KiB JSON): ` +
      `cold ${cold.ms.toFixed(0)} ms; after a keystroke median ${quantile(latencies, 0.5).toFixed(1)} ms, p95 ${quantile(latencies, 0.95).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms (${KEYS} keystrokes, ${INTERVAL} ms apart)`,
  );
  analyse('Warm-up: the regime met.', { format: 'markdown' });
  const t0 = performance.now();
  analyse(text, { format: 'markdown' });
  console.log(`${' '.repeat(7)}for comparison, the engine on the whole text at once (in this process, no chunks): ${(performance.now() - t0).toFixed(0)} ms`);
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  server.kill();
}

for (const words of [3_000, 50_000]) await bench(words);
