/**
 * Slant's VS Code extension: starts the language server, shows the active document's findings in
 * the status bar and registers the `slant.*` commands. All analysis happens in the server; this
 * side imports only the shared protocol (`server/src/protocol`), never the engine.
 */
import * as vscode from 'vscode';
import { SECTION, SlantClient, configuredLanguages } from './client.js';
import { registerCommands } from './commands.js';
import { Messages } from './messages.js';
import { StatusBar } from './status.js';

let client: SlantClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel(Messages.outputChannel, { log: true });
  client = new SlantClient(context, output);
  const status = new StatusBar(client);
  const current = client;

  context.subscriptions.push(
    output,
    current,
    status,
    ...registerCommands(context, current, status),
    // The server reads workspace lexicon files only in a trusted workspace; it learns of trust at start.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restart(current, status)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(`${SECTION}.languages`)) return;
      const now = configuredLanguages();
      if (now.join('\n') !== current.selectorLanguages.join('\n')) void restart(current, status);
    }),
  );

  try {
    await current.start();
  } catch (error) {
    output.error(`Starting the server: ${error instanceof Error ? error.message : String(error)}`);
  }
  status.update();
}

async function restart(current: SlantClient, status: StatusBar): Promise<void> {
  try {
    await current.restart();
  } catch (error) {
    current.output.error(`Restarting the server: ${error instanceof Error ? error.message : String(error)}`);
  }
  status.update();
}

export async function deactivate(): Promise<void> {
  const stopping = client?.stop();
  client = undefined;
  await stopping;
}
