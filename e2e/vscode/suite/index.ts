/** The entry point VS Code's test runner calls inside the extension host: runs the mocha suite. */
import Mocha from 'mocha';
import * as path from 'node:path';
import { format } from 'node:util';

export function run(): Promise<void> {
  // In code-server the output reaches the launcher through the browser console, among the
  // workbench's own messages: the launcher sets SLANT_SUITE_TAG to pick the suite's lines out.
  const tag = process.env.SLANT_SUITE_TAG;
  if (tag) Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(`${tag}${format(...args)}`);
  // Bundled as CommonJS next to the test file (out/e2e-vscode/), so `__dirname` is that folder.
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000 });
  mocha.addFile(path.join(__dirname, 'slant.test.cjs'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}
