/** `slant lsp --stdio` starts the same language server over stdio: a real client talks to it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, InitializeRequest, DidOpenTextDocumentNotification, DocumentDiagnosticRequest, ShutdownRequest, ExitNotification } from 'vscode-languageserver-protocol/node';
import { rangeOf } from './helpers.js';

const cli = fileURLToPath(new URL('../../dist/cli.cjs', import.meta.url));

test('slant lsp --stdio answers initialize and reports diagnostics', async () => {
  const child = spawn(process.execPath, [cli, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({ analyse: 'all' })));
  connection.listen();
  try {
    const init = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: { textDocument: { diagnostic: {} }, workspace: { configuration: true } },
    });
    assert.ok(init.capabilities.hoverProvider);
    await connection.sendNotification('initialized', {});
    const text = 'Officials of the regime met on Monday.';
    const uri = 'file:///tmp/slant-cli-lsp.txt';
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
    const report = await connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    const items = report.kind === 'full' ? report.items : [];
    const regime = items.find((d) => d.code === 'contested-label');
    assert.ok(regime, 'a contested-label diagnostic');
    assert.equal(regime.range.start.character, rangeOf(text, 'regime').start);
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
  } finally {
    connection.dispose();
    child.kill();
  }
});

test('slant lsp without a transport is a usage error', () => {
  const r = spawnSync(process.execPath, [cli, 'lsp'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /usage: slant lsp --stdio/);
});
