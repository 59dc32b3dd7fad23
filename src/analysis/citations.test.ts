import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectCitations } from './citations.ts';
import { findTextUrls } from './urls.ts';

const sites = { ownHost: 'acme.com', competitorHosts: ['rival.io'] };

function citationsOf(sources: Array<{ url: string; title?: string }>, text: string) {
  return collectCitations(sources, findTextUrls(text).urls, sites);
}

describe('citations', () => {
  it('lists sources first, then links and bare URLs in text order, each once', () => {
    const citations = citationsOf(
      [{ url: 'https://www.g2.com/products/acme/reviews/', title: 'Acme Reviews | G2' }],
      'Per [G2](https://g2.com/products/acme/reviews#top), see https://rival.io/compare). Also https://acme.com.',
    );
    assert.deepEqual(
      citations.map((citation) => citation.url),
      ['https://g2.com/products/acme/reviews', 'https://rival.io/compare', 'https://acme.com'],
    );
    assert.deepEqual(
      citations.map((citation) => [
        citation.domain,
        citation.owned,
        citation.domain_category,
        citation.title,
      ]),
      [
        ['g2.com', false, 'REVIEW_DIRECTORY', 'Acme Reviews | G2'],
        ['rival.io', false, 'COMPETITOR', null],
        ['acme.com', true, 'OWNED', null],
      ],
    );
  });

  it('does not cite domains written as text or link texts', () => {
    assert.deepEqual(
      citationsOf([], 'Try acme.com or [rival.io](https://rival.io/x).').map((c) => c.url),
      ['https://rival.io/x'],
    );
  });

  const ownership: Array<[string, string, boolean]> = [
    ['subdomain of the brand', 'https://support.acme.com/a', true],
    ['lookalike host', 'https://acme.com.lisbon-hotels.net/a', false],
    ['brand host inside another site’s path', 'https://trustpilot.com/review/acme.com', false],
    ['similar name', 'https://acmereviews.com/a', false],
  ];
  for (const [rule, url, owned] of ownership) {
    it(`owned: ${rule}`, () => assert.equal(citationsOf([{ url }], '')[0].owned, owned));
  }

  it('reads the real site from the title of a grounding redirect', () => {
    const [citation] = citationsOf(
      [{ url: 'https://vertexaisearch.cloud.google.com/grounding-api-redirect/AbC', title: 'acme.com' }],
      '',
    );
    assert.equal(citation.domain, 'acme.com');
    assert.equal(citation.owned, true);
  });
});
