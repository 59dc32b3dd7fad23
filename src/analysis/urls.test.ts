import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findTextUrls, hostOf, isSameSite, normaliseUrl, trimBareUrl } from './urls.ts';

describe('normaliseUrl', () => {
  const cases: Array<[string, string, string]> = [
    ['lower-cases scheme and host, drops www.', 'HTTPS://WWW.Example.COM/Path', 'https://example.com/Path'],
    ['keeps http as written', 'http://www.example.com/a', 'http://example.com/a'],
    [
      'drops utm_* parameters and the fragment',
      'https://a.com/x?utm_source=ai&id=3&UTM_medium=y#top',
      'https://a.com/x?id=3',
    ],
    [
      'keeps other parameters in order',
      'https://a.com/s?k=dog+food&ref=nb&aid=1',
      'https://a.com/s?k=dog+food&ref=nb&aid=1',
    ],
    ['removes a trailing slash', 'https://a.com/blog/', 'https://a.com/blog'],
    ['removes the root slash', 'https://rosslyn.coffee/', 'https://rosslyn.coffee'],
    ['removes the slash before a query', 'https://a.com/en/?utm_source=x', 'https://a.com/en'],
    ['keeps the path case', 'https://a.com/Hotel_Review-Porto.html', 'https://a.com/Hotel_Review-Porto.html'],
    [
      'keeps a host inside the path',
      'https://www.trustpilot.com/review/www.acme.com?page=2',
      'https://trustpilot.com/review/www.acme.com?page=2',
    ],
  ];
  for (const [rule, raw, expected] of cases) {
    it(rule, () => assert.equal(normaliseUrl(raw), expected));
  }

  it('rejects what is not an absolute URL', () => {
    assert.equal(normaliseUrl('acme.com/pricing'), null);
    assert.equal(normaliseUrl('/relative'), null);
  });
});

describe('bare URLs in text', () => {
  const cases: Array<[string, string]> = [
    ['https://a.com/x.', 'https://a.com/x'],
    ['https://a.com/x),', 'https://a.com/x'],
    ['https://en.wikipedia.org/wiki/Foo_(bar))', 'https://en.wikipedia.org/wiki/Foo_(bar)'],
    ['https://a.com/x?!', 'https://a.com/x'],
    ['https://a.com/x**', 'https://a.com/x'],
  ];
  for (const [candidate, expected] of cases) {
    it(`trims ${candidate}`, () => assert.equal(trimBareUrl(candidate), expected));
  }

  it('finds links, bare URLs followed by punctuation or a parenthesis, in text order', () => {
    const text =
      'See [acme.com](https://acme.com/pricing?utm_source=x) and https://b.com/page). Also (https://c.com/a_(b)) and <https://d.com>.';
    assert.deepEqual(
      findTextUrls(text).urls.map((span) => span.url),
      ['https://acme.com/pricing?utm_source=x', 'https://b.com/page', 'https://c.com/a_(b)', 'https://d.com'],
    );
  });

  it('excludes URL targets and the paths of scheme-less addresses, not link texts', () => {
    const text = '[acme.com](https://acme.com) and trustpilot.com/review/acme.com';
    const { excluded, linkTexts } = findTextUrls(text);
    const covered = (needle: string, from = 0) => {
      const at = text.indexOf(needle, from);
      return excluded.some((span) => at >= span.start && at < span.end);
    };
    assert.equal(covered('acme.com'), false);
    assert.equal(covered('https://acme.com'), true);
    assert.equal(covered('acme.com', text.indexOf('review')), true);
    assert.equal(covered('trustpilot.com'), false);
    assert.equal(linkTexts.length, 1);
  });
});

describe('hosts', () => {
  it('reads hosts without www., port or credentials', () => {
    assert.equal(hostOf('https://user@www.Acme.com:8080/x'), 'acme.com');
    assert.equal(hostOf('acme.com'), 'acme.com');
  });

  const cases: Array<[string, string, boolean]> = [
    ['acme.com', 'acme.com', true],
    ['help.acme.com', 'acme.com', true],
    ['acme.com.evil.net', 'acme.com', false],
    ['acmereviews.com', 'acme.com', false],
    ['notacme.com', 'acme.com', false],
  ];
  for (const [host, site, expected] of cases) {
    it(`${host} ${expected ? 'is' : 'is not'} ${site}`, () => assert.equal(isSameSite(host, site), expected));
  }
});
