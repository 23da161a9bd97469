/** The code-server binary, installed first when missing (e2e/install.sh code-server). */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export function installCodeServer(root: string): string {
  const out = execFileSync('bash', [path.join(root, 'e2e/install.sh'), 'code-server'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const binary = out.trim().split('\n').pop() ?? '';
  if (!existsSync(binary)) throw new Error(`the installer did not give a code-server binary (got "${binary}")`);
  return binary;
}
