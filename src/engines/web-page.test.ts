import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fetchPage, findAboutLink, htmlToText, pageMeta } from './web-page.ts';

const html = (body: string, headers: Record<string, string> = {}) =>
  new Response(body, { headers: { 'content-type': 'text/html', ...headers } });

describe('web page helpers', () => {
  it('strips scripts, styles and tags, decoding entities', () => {
    const text = htmlToText(
      '<html><head><title>T</title></head><body><script>x()</script><style>p{}</style>' +
        '<p>Fish &amp; Chips&nbsp;&#8211; &#x263A;</p><ul><li>One</li><li>Two</li></ul><!-- hidden --></body></html>',
    );
    assert.equal(text, 'Fish & Chips – ☺\nOne\nTwo');
  });

  it('reads title and meta description', () => {
    assert.deepEqual(
      pageMeta('<title> Acme  | Home </title><meta name="description" content="We &amp; you">'),
      { title: 'Acme | Home', description: 'We & you' },
    );
  });

  it('finds a same-site About link by path or label', () => {
    const page = 'https://www.acme.example/';
    assert.equal(
      findAboutLink('<a href="https://other.example/about">x</a><a href="/company/">Company</a>', page),
      'https://www.acme.example/company/',
    );
    assert.equal(findAboutLink('<a href="/team">About us</a>', page), 'https://www.acme.example/team');
    assert.equal(findAboutLink('<a href="/pricing">Pricing</a>', page), null);
  });

  it('caps the body size', async () => {
    const fetch: typeof globalThis.fetch = async () => html('x'.repeat(10_000));
    const page = await fetchPage('https://acme.example/', {
      fetch,
      maxBytes: 1000,
      allowPrivateNetwork: true,
    });
    assert.equal(page?.html.length, 1000);
  });

  it('follows redirects hop by hop and refuses private addresses', async () => {
    const fetch: typeof globalThis.fetch = async (input) =>
      String(input).startsWith('https://93.184.215.14/')
        ? new Response(null, { status: 301, headers: { location: 'http://127.0.0.1/admin' } })
        : html('internal');
    assert.equal(await fetchPage('https://93.184.215.14/', { fetch }), null);
    assert.equal(await fetchPage('http://169.254.169.254/latest/meta-data', { fetch }), null);
  });

  it('gives null for non-HTML and error responses', async () => {
    const json: typeof globalThis.fetch = async () =>
      new Response('{}', { headers: { 'content-type': 'application/json' } });
    const missing: typeof globalThis.fetch = async () =>
      new Response('no', { status: 404, headers: { 'content-type': 'text/html' } });
    assert.equal(await fetchPage('https://acme.example/', { fetch: json, allowPrivateNetwork: true }), null);
    assert.equal(
      await fetchPage('https://acme.example/', { fetch: missing, allowPrivateNetwork: true }),
      null,
    );
  });
});
