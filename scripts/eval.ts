// Scores the answer analyzer on the labelled evaluation set:
//   npm run eval [-- path/to/cases.jsonl]
// Writes the analyzer's predictions to a temporary file and runs the shared reference scorer on them.
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { runAnalyzeCli } from '../src/analysis/cli.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const casesPath = path.resolve(process.argv[2] ?? path.resolve(repoRoot, '../shared/eval/answers.dev.jsonl'));
const scorerPath = path.resolve(repoRoot, '../shared/eval/score.mjs');

const workDir = mkdtempSync(path.join(tmpdir(), 'sightline-eval-'));
const predictionsPath = path.join(workDir, 'predictions.jsonl');
try {
  const started = performance.now();
  const output = createWriteStream(predictionsPath);
  await runAnalyzeCli(createReadStream(casesPath), output);
  output.end();
  await finished(output);
  const elapsed = performance.now() - started;

  const scorer = spawnSync(process.execPath, [scorerPath, casesPath, predictionsPath], {
    encoding: 'utf8',
    env: process.env,
  });
  process.stdout.write(scorer.stdout);
  process.stderr.write(scorer.stderr);
  console.log(`analysed in ${elapsed.toFixed(0)} ms (${casesPath})`);
  process.exitCode = scorer.status ?? 1;
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
