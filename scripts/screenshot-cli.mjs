// Renders `slant check --color` on two samples as a terminal-like page and screenshots it with
// headless Chromium (Debian's /usr/bin/chromium), for README.md. Run after `npm run build`.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const out = resolve(process.argv[2] ?? 'docs/images/cli.png');
const run = spawnSync(process.execPath, ['dist/cli.cjs', 'check', '--color', 'samples/levant-ledger-bases.md', 'samples/civic-pulse-newsletter.md'], { encoding: 'utf8' });
const COLORS = { 1: 'font-weight:bold', 2: 'opacity:.6', 4: 'text-decoration:underline', 31: 'color:#f14c4c', 32: 'color:#23d18b', 33: 'color:#e5e510', 34: 'color:#3b8eea', 35: 'color:#d670d6', 36: 'color:#29b8db', 90: 'color:#8a8a8a' };
const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
let open = 0;
// eslint-disable-next-line no-control-regex -- ANSI escape sequences
const html = escape(`$ slant check samples/levant-ledger-bases.md samples/civic-pulse-newsletter.md\n${run.stdout}`).replace(/\u001b\[([\d;]*)m/g, (_, codes) => {
  let s = '';
  for (const c of codes.split(';').map(Number)) {
    if (c === 0 || Number.isNaN(c)) {
      s += '</span>'.repeat(open);
      open = 0;
    } else if ([22, 23, 24, 27, 39, 49].includes(c) && open > 0) {
      s += '</span>';
      open--;
    } else if (COLORS[c]) {
      s += `<span style="${COLORS[c]}">`;
      open++;
    }
  }
  return s;
});
const dir = mkdtempSync(join(tmpdir(), 'slant-shot-'));
const page = join(dir, 'cli.html');
writeFileSync(page, `<!doctype html><meta charset="utf-8"><body style="margin:0;background:#1e1e1e"><pre style="margin:0;padding:16px;color:#d4d4d4;font:13px/1.45 'DejaVu Sans Mono',monospace;white-space:pre">${html}${'</span>'.repeat(open)}</pre>`);
execFileSync('/usr/bin/chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${join(dir, 'profile')}`, '--hide-scrollbars', '--window-size=1500,900', `--screenshot=${out}`, `file://${page}`], { stdio: 'ignore' });
console.log(`wrote ${out}`);
