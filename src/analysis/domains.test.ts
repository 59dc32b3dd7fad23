import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categoriseHost, classifyDomain, type DomainCategory } from './domains.ts';

describe('domain categories', () => {
  const cases: Array<[string, DomainCategory]> = [
    ['g2.com', 'REVIEW_DIRECTORY'],
    ['capterra.com', 'REVIEW_DIRECTORY'],
    ['trustpilot.com', 'REVIEW_DIRECTORY'],
    ['tripadvisor.de', 'REVIEW_DIRECTORY'],
    ['reddit.com', 'SOCIAL_UGC'],
    ['old.reddit.com', 'SOCIAL_UGC'],
    ['youtube.com', 'SOCIAL_UGC'],
    ['quora.com', 'SOCIAL_UGC'],
    ['amazon.com', 'MARKETPLACE'],
    ['amazon.co.uk', 'MARKETPLACE'],
    ['smile.amazon.de', 'MARKETPLACE'],
    ['booking.com', 'MARKETPLACE'],
    ['en.wikipedia.org', 'REFERENCE'],
    ['nytimes.com', 'EDITORIAL_MEDIA'],
    ['forbes.com', 'EDITORIAL_MEDIA'],
    ['techcrunch.com', 'EDITORIAL_MEDIA'],
    ['timeout.es', 'EDITORIAL_MEDIA'],
    ['gov.uk', 'INSTITUTIONAL'],
    ['irs.gov', 'INSTITUTIONAL'],
    ['mit.edu', 'INSTITUTIONAL'],
    ['ox.ac.uk', 'INSTITUTIONAL'],
    ['service-public.fr', 'INSTITUTIONAL'],
    ['amazonaws.com', 'OTHER'],
    ['zapier.com', 'OTHER'],
  ];
  for (const [host, category] of cases) {
    it(`${host} → ${category}`, () => assert.equal(categoriseHost(host), category));
  }

  it('puts ownership and tracked competitors first', () => {
    assert.equal(classifyDomain('blog.acme.com', 'acme.com', ['rival.io']), 'OWNED');
    assert.equal(classifyDomain('rival.io', 'acme.com', ['rival.io']), 'COMPETITOR');
    assert.equal(classifyDomain('acme.com.fake.net', 'acme.com', []), 'OTHER');
    assert.equal(classifyDomain('g2.com', null, []), 'REVIEW_DIRECTORY');
  });
});
