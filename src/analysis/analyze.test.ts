import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { analyzeAnswer, createAnalyzer } from './analyze.ts';
import { type AnalyzeCaseOutput, analyzeCase, analyzeCaseSchema } from './cli.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const DEV_SET = path.resolve(here, '../../../shared/eval/answers.dev.jsonl');
const HELD_OUT_SET = path.resolve(here, 'fixtures/answers.heldout.jsonl');

interface LabelledCase {
  id: string;
  expected: Omit<AnalyzeCaseOutput, 'id'>;
}

const norm = (name: string) =>
  name
    .replace(/[*_`]/g, '')
    .trim()
    .replace(/[.,:;!?]+$/, '')
    .toLowerCase();

/** The figures of the reference scorer (shared/eval/score.mjs) that the floors are set on. */
function score(file: string) {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  const pairs = { mention: [0, 0, 0], other: [0, 0, 0], cites: [0, 0, 0] };
  let brandMentioned = 0;
  let brandCited = 0;
  let positions = 0;
  let tones = 0;
  let mentionedCases = 0;
  for (const line of lines) {
    const raw = JSON.parse(line) as LabelledCase;
    const expected = raw.expected;
    const predicted = analyzeCase(analyzeCaseSchema.parse(raw));
    for (const [key, field] of [
      ['mention', 'mentioned'],
      ['other', 'other_brands'],
      ['cites', 'citations'],
    ] as const) {
      const wanted = new Set(expected[field].map(norm));
      const got = new Set(predicted[field].map(norm));
      const hits = [...got].filter((name) => wanted.has(name)).length;
      pairs[key][0] += hits;
      pairs[key][1] += got.size - hits;
      pairs[key][2] += wanted.size - hits;
    }
    if (predicted.brand_mentioned === expected.brand_mentioned) brandMentioned++;
    if (predicted.brand_cited === expected.brand_cited) brandCited++;
    if (expected.brand_mentioned) {
      mentionedCases++;
      if (predicted.brand_position === expected.brand_position) positions++;
      if (predicted.sentiment === expected.sentiment) tones++;
    }
  }
  const precision = ([hits, extra]: number[]) => (hits + extra === 0 ? 1 : hits / (hits + extra));
  const recall = ([hits, , missed]: number[]) => (hits + missed === 0 ? 1 : hits / (hits + missed));
  const f1 = (counts: number[]) =>
    (2 * precision(counts) * recall(counts)) / (precision(counts) + recall(counts));
  return {
    mention_f1: f1(pairs.mention),
    brand_mentioned_accuracy: brandMentioned / lines.length,
    position_exact: positions / mentionedCases,
    sentiment_accuracy: tones / mentionedCases,
    citation_precision: precision(pairs.cites),
    citation_recall: recall(pairs.cites),
    brand_cited_accuracy: brandCited / lines.length,
    other_brands_precision: precision(pairs.other),
    other_brands_recall: recall(pairs.other),
  };
}

const FLOORS = {
  mention_f1: 0.98,
  brand_mentioned_accuracy: 0.98,
  position_exact: 0.95,
  sentiment_accuracy: 0.85,
  citation_precision: 0.99,
  citation_recall: 0.99,
  brand_cited_accuracy: 0.99,
  other_brands_precision: 0.85,
  other_brands_recall: 0.85,
};

/**
 * The sets written for this repository (test/fixtures, see docs/analysis.md), each tuned on after its
 * first score: floors just under today's figures, so a rule that helps one set and breaks another shows.
 */
const TUNED_SETS = ['holdout', 'holdout2', 'holdout3', 'holdout4', 'holdout5', 'holdout6'].map((name) =>
  path.resolve(here, `../../test/fixtures/${name}.jsonl`),
);
const TUNED_FLOORS = {
  ...FLOORS,
  position_exact: 0.93,
  sentiment_accuracy: 0.75,
  other_brands_precision: 0.8,
};

describe('labelled answer sets', () => {
  for (const [label, file, floors] of [
    ['shared dev set', DEV_SET, FLOORS],
    ['held-out fixture', HELD_OUT_SET, FLOORS],
    ...TUNED_SETS.map((set) => [path.basename(set), set, TUNED_FLOORS] as const),
  ] as const) {
    it(`meets the floors on the ${label}`, { skip: !existsSync(file) && `${file} not found` }, () => {
      const figures = score(file);
      for (const [figure, floor] of Object.entries(floors)) {
        const value = figures[figure as keyof typeof FLOORS];
        assert.ok(value >= floor, `${figure} ${value.toFixed(3)} < ${floor}`);
      }
    });
  }
});

describe('analyzeAnswer', () => {
  const brandSet = {
    brand: { name: 'Acme', aliases: ['Acme Cloud'], website: 'https://www.acme.com' },
    competitors: [{ name: 'Rival', aliases: [], website: 'https://rival.io' }],
  };
  const answer =
    '## Options\n1. **Rival** — solid.\n2. **Acme Cloud** — excellent reporting, my top pick.\n3. **Zentra** — new.\n\nSources: https://acme.com/docs and [g2](https://www.g2.com/x).';

  it('returns the full result shape', () => {
    const result = analyzeAnswer({
      ...brandSet,
      platform: 'chatgpt',
      prompt: 'best tool',
      answer,
      sources: [],
    });
    assert.deepEqual(result, {
      brand_mentioned: true,
      mentioned: ['Rival', 'Acme'],
      other_brands: ['Zentra'],
      brand_position: 2,
      sentiment: 'positive',
      mentioned_brands: [
        { name: 'Rival', tracked: true, position: 1, sentiment: 'neutral' },
        { name: 'Acme', tracked: true, position: 2, sentiment: 'positive' },
        { name: 'Zentra', tracked: false, position: 3, sentiment: 'neutral' },
      ],
      citations: [
        {
          url: 'https://acme.com/docs',
          domain: 'acme.com',
          title: null,
          owned: true,
          domain_category: 'OWNED',
        },
        {
          url: 'https://g2.com/x',
          domain: 'g2.com',
          title: null,
          owned: false,
          domain_category: 'REVIEW_DIRECTORY',
        },
      ],
      brand_cited: true,
    });
  });

  it('gives the same result from a reused analyzer, every time', () => {
    const analyze = createAnalyzer(brandSet);
    const first = analyze({ answer, sources: [] });
    analyze({ answer: 'Rival only.', sources: [] });
    assert.deepEqual(analyze({ answer, sources: [] }), first);
  });

  it('handles an empty answer', () => {
    const result = analyzeAnswer({ ...brandSet, answer: '', sources: [] });
    assert.deepEqual(
      [
        result.brand_mentioned,
        result.mentioned,
        result.other_brands,
        result.brand_position,
        result.sentiment,
      ],
      [false, [], [], null, null],
    );
  });
});
