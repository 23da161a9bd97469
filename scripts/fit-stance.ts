/**
 * Fits the weights of the stance evidence features on NewsMTSC and writes them, with the data
 * set's MIT notice, to server/data/stance-weights.json. Usage:
 *
 *   npm run fit-stance -- [FILE.jsonl]      (default: ../shared/eval/newsmtsc-train.jsonl)
 *
 * Fits on the dev part only (the held-out fifth is never used), after measuring the same fit by
 * 5-fold cross-validation; prints both figures and stores them beside the weights. Only weights
 * and figures are written: nothing from the data's text.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { SPAN_FEATURES } from '../server/src/engine/stance/span.js';
import { STANCE_LABELS } from '../server/src/engine/stance/weights.js';
import { evalDir, repoRoot, resolveDataFile } from './lib/data.js';
import { meanSd, predictLabel } from './lib/newsmtsc.js';
import { collectMentions, crossValidate, fitFeatureModel } from './lib/scorers/newsmtsc.js';

const NOTICE = [
  'Weights fitted on NewsMTSC (Hamborg & Donnay, "NewsMTSC: A Dataset for (Multi-)Target-dependent Sentiment Classification in Political News Articles", EACL 2021), https://github.com/fhamborg/NewsMTSC, under its MIT licence:',
  'Copyright 2020 Felix Hamborg',
  'Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:',
  'The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.',
  'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.',
];

function main(): number {
  const arg = process.argv[2] ?? 'newsmtsc-train.jsonl';
  const file = resolveDataFile(arg);
  if (file === null) {
    console.error(`fit-stance: no such data file: ${arg} (looked here and in ${evalDir})`);
    return 2;
  }
  const { items } = collectMentions(file, (m) => process.stderr.write(`${m}…\n`));
  const cv = crossValidate(items, fitFeatureModel, (m, x) => predictLabel(m, x.features));
  const { mean, sd } = meanSd(cv.perFold);
  const heldOut = cv.heldOut.scores().f1m;
  const round = (v: number): number => Math.round(v * 1e4) / 1e4;
  const out = {
    $comment: 'Weights of the stance evidence features (server/src/engine/stance/features.ts): a multinomial logistic model, weights[label] = [bias, one weight per feature], for raw feature values. Written by npm run fit-stance; do not edit by hand.',
    notice: NOTICE,
    data: path.basename(file),
    fitted: {
      on: 'the dev part (rows whose SHA-256(id) bytes 0-3 are not 0 mod 5)',
      mentions: items.filter((x) => !x.heldOut).length,
      cvF1m: round(mean),
      cvF1mSd: round(sd),
      heldOutF1m: round(heldOut),
    },
    labels: STANCE_LABELS,
    features: SPAN_FEATURES,
    weights: cv.final.weights.map((row) => row.map(round)),
  };
  const target = path.join(repoRoot, 'server', 'data', 'stance-weights.json');
  writeFileSync(target, JSON.stringify(out, null, 2) + '\n');
  console.log(`F1m ${mean.toFixed(3)} ± ${sd.toFixed(3)} (5-fold CV on dev), ${heldOut.toFixed(3)} held out; wrote ${path.relative(process.cwd(), target)}`);
  return 0;
}

process.exitCode = main();
