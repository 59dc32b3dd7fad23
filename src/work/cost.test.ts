import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PLATFORMS, type Platform } from '../engines/types.ts';
import { creditsPerPrompt, FACTS_RESEARCH_COST, reportRunCost, scheduleExecutionCost } from './cost.ts';

describe('reportRunCost', () => {
  const cases: Array<{
    name: string;
    promptCount: number;
    platforms: Platform[];
    samples: number;
    want: number;
  }> = [
    { name: 'no prompts', promptCount: 0, platforms: ['chatgpt', 'gemini'], samples: 3, want: 0 },
    { name: 'one standard platform', promptCount: 10, platforms: ['chatgpt'], samples: 1, want: 10 },
    {
      name: 'all standard platforms are one bundle',
      promptCount: 10,
      platforms: ['chatgpt', 'perplexity', 'ai_overviews', 'claude'],
      samples: 1,
      want: 10,
    },
    { name: 'one premium platform', promptCount: 10, platforms: ['gemini'], samples: 1, want: 10 },
    {
      name: 'premium only',
      promptCount: 5,
      platforms: ['chatgpt_search', 'claude_search', 'gemini', 'grok'],
      samples: 1,
      want: 20,
    },
    {
      name: 'mixed',
      promptCount: 7,
      platforms: ['chatgpt', 'claude', 'grok', 'gemini'],
      samples: 1,
      want: 21,
    },
    { name: 'samples 2', promptCount: 7, platforms: ['chatgpt', 'grok'], samples: 2, want: 28 },
    { name: 'samples 3', promptCount: 4, platforms: ['perplexity'], samples: 3, want: 12 },
    { name: 'samples 4', promptCount: 4, platforms: ['gemini', 'grok'], samples: 4, want: 32 },
    {
      name: 'samples 5, every platform',
      promptCount: 50,
      platforms: [...PLATFORMS],
      samples: 5,
      want: 1250,
    },
    {
      name: 'duplicate platform charged once',
      promptCount: 2,
      platforms: ['grok', 'grok'],
      samples: 1,
      want: 2,
    },
    { name: 'no platforms', promptCount: 3, platforms: [], samples: 1, want: 0 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(
        reportRunCost({ promptCount: c.promptCount, platforms: c.platforms, samples: c.samples }),
        c.want,
      );
    });
  }

  it('rejects negative or fractional counts and zero samples', () => {
    assert.throws(() => reportRunCost({ promptCount: -1, platforms: ['chatgpt'], samples: 1 }), RangeError);
    assert.throws(() => reportRunCost({ promptCount: 1.5, platforms: ['chatgpt'], samples: 1 }), RangeError);
    assert.throws(() => reportRunCost({ promptCount: 1, platforms: ['chatgpt'], samples: 0 }), RangeError);
  });
});

describe('creditsPerPrompt', () => {
  it('bundles standard platforms and adds each premium one', () => {
    assert.equal(creditsPerPrompt(['claude', 'perplexity']), 1);
    assert.equal(creditsPerPrompt(['claude', 'claude_search']), 2);
  });
});

describe('scheduleExecutionCost', () => {
  const cases: Array<{ name: string; reports: Parameters<typeof scheduleExecutionCost>[0]; want: number }> = [
    { name: 'no reports', reports: [], want: 0 },
    {
      name: 'one report',
      reports: [{ promptCount: 10, platforms: ['chatgpt', 'gemini'], samples: 2 }],
      want: 40,
    },
    {
      name: 'sum of reports',
      reports: [
        { promptCount: 10, platforms: ['chatgpt', 'perplexity'], samples: 1 },
        { promptCount: 5, platforms: ['grok'], samples: 3 },
        { promptCount: 0, platforms: ['gemini'], samples: 5 },
      ],
      want: 25,
    },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(scheduleExecutionCost(c.reports), c.want));
  }

  it('facts research costs one credit', () => assert.equal(FACTS_RESEARCH_COST, 1));
});
