/**
 * One code-server for one test run: its own extensions, user data and config folders, a free
 * port on 127.0.0.1, started in its own process group (killed as a whole by `stop`).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { waitFor } from './wait.js';

/** User settings that keep the workbench quiet and the editor predictable under a typing robot. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'editor.minimap.enabled': false,
  // Typed text lands as typed: no auto-closed brackets, no suggestions taking the Enter key.
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoSurround': 'never',
  'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
  'editor.suggestOnTriggerCharacters': false,
  'editor.wordBasedSuggestions': 'off',
  // Hovers come from the keyboard only, so a resting mouse pointer cannot open one.
  'editor.hover.enabled': false,
};

export interface CodeServerOptions {
  /** The code-server launcher. */
  binary: string;
  /** A fresh folder for this run's extensions, user data, config and log. */
  home: string;
  /** The packaged extension to install (none: the caller loads it as an extension in development). */
  vsix?: string;
  /** Added to code-server's environment, which its extension host inherits. */
  env?: Record<string, string>;
  /** 'restricted': workspace trust on, without a prompt, so folders open untrusted (Restricted Mode). */
  trust?: 'restricted';
}

export class CodeServer {
  readonly extensionsDir: string;
  readonly userDataDir: string;
  readonly logFile: string;
  private process: ChildProcess | undefined;
  private port = 0;

  constructor(private readonly options: CodeServerOptions) {
    this.extensionsDir = path.join(options.home, 'extensions');
    this.userDataDir = path.join(options.home, 'user-data');
    this.logFile = path.join(options.home, 'code-server.log');
  }

  /**
   * The URL that opens `folder` in the workbench. `payload` passes workbench options the way VS
   * Code's own browser tests do (extensionDevelopmentPath, extensionTestsPath), as paths on the server.
   */
  url(folder: string, payload: Record<string, string> = {}): string {
    const url = new URL(`http://127.0.0.1:${this.port}/`);
    url.searchParams.set('folder', folder);
    const pairs = Object.entries(payload).map(([key, file]) => [key, `vscode-remote://${url.host}${file}`]);
    if (pairs.length > 0) url.searchParams.set('payload', JSON.stringify(pairs));
    return url.toString();
  }

  /** The folder of code-server's own logs (extension host, Slant's output channel). */
  get logsDir(): string {
    return path.join(this.userDataDir, 'logs');
  }

  /** Installs the extension into the fresh extensions folder, writes the settings, and starts the server. */
  async start(): Promise<void> {
    mkdirSync(path.join(this.userDataDir, 'User'), { recursive: true });
    const restricted = this.options.trust === 'restricted';
    const trust = restricted ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : {};
    writeFileSync(path.join(this.userDataDir, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...trust }, null, 2));
    const configFile = path.join(this.options.home, 'config.yaml');
    writeFileSync(configFile, 'auth: none\ncert: false\n');
    const dirs = ['--config', configFile, '--extensions-dir', this.extensionsDir, '--user-data-dir', this.userDataDir];
    if (this.options.vsix) execFileSync(this.options.binary, [...dirs, '--install-extension', this.options.vsix], { stdio: 'pipe' });
    this.port = await freePort();
    const log = createWriteStream(this.logFile);
    // `detached` runs it through setsid(): its own process group, which `stop` kills whole.
    this.process = spawn(
      this.options.binary,
      [
        ...dirs,
        '--auth', 'none',
        '--bind-addr', `127.0.0.1:${this.port}`,
        '--disable-telemetry',
        '--disable-update-check',
        ...(restricted ? [] : ['--disable-workspace-trust']),
        '--disable-getting-started-override',
      ],
      { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...this.options.env } },
    );
    this.process.stdout?.pipe(log);
    this.process.stderr?.pipe(log);
    const exited = new Promise<never>((_, reject) => {
      this.process?.once('exit', (code, signal) => reject(new Error(`code-server exited (${signal ?? code}) before it was ready; see ${this.logFile}`)));
    });
    exited.catch(() => undefined);
    await Promise.race([
      exited,
      waitFor('code-server to answer /healthz', 30_000, async () => {
        const response = await fetch(`http://127.0.0.1:${this.port}/healthz`).catch(() => undefined);
        return response?.ok === true;
      }),
    ]);
  }

  /** Kills the whole process group (code-server, its extension host, Slant's server). */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    const group = -child.pid;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    signalGroup(group, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(group, 'SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
    // Children that outlived the leader.
    signalGroup(group, 'SIGKILL');
  }
}

function signalGroup(group: number, signal: NodeJS.Signals): void {
  try {
    process.kill(group, signal);
  } catch {
    // Already gone.
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
