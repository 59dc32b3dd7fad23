import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanSourceUrl, dedupeSources } from './sources.ts';

describe('sources', () => {
  it('removes tracking parameters and refuses non-web URLs', () => {
    assert.equal(cleanSourceUrl('https://a.example/x?utm_source=openai&id=3'), 'https://a.example/x?id=3');
    assert.equal(cleanSourceUrl('javascript:alert(1)'), null);
    assert.equal(cleanSourceUrl('not a url'), null);
  });

  it('deduplicates by URL in first-seen order, filling a missing title', () => {
    const sources = dedupeSources([
      { url: 'https://www.a.example/page/' },
      { url: 'https://b.example/', title: 'B' },
      { url: 'https://a.example/page#section', title: 'A' },
      { url: 'https://a.example/page?utm_medium=x', title: 'A again' },
      { url: 'https://c.example/', title: 'https://c.example/' },
    ]);
    assert.deepEqual(sources, [
      { url: 'https://www.a.example/page/', title: 'A' },
      { url: 'https://b.example/', title: 'B' },
      { url: 'https://c.example/' },
    ]);
  });
});
