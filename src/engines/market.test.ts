import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  approximateLocation,
  countryCode,
  languageCode,
  marketInstruction,
  resolveMarket,
} from './market.ts';

describe('market mapping', () => {
  const countries: Array<[string | null, string | null]> = [
    ['United States', 'US'],
    ['usa', 'US'],
    ['United Kingdom', 'GB'],
    ['UK', 'GB'],
    ['gb', 'GB'],
    ['Germany', 'DE'],
    ['  the   Netherlands ', 'NL'],
    ['Türkiye', 'TR'],
    ['Atlantis', null],
    ['', null],
    [null, null],
  ];
  for (const [input, expected] of countries) {
    it(`country ${JSON.stringify(input)} → ${expected}`, () => assert.equal(countryCode(input), expected));
  }

  const languages: Array<[string, string | null]> = [
    ['English', 'en'],
    ['Spanish', 'es'],
    ['german', 'de'],
    ['PT', 'pt'],
    ['Klingon', null],
  ];
  for (const [input, expected] of languages) {
    it(`language ${input} → ${expected}`, () => assert.equal(languageCode(input), expected));
  }

  it('splits a location into city and region, dropping a trailing country', () => {
    const market = resolveMarket({
      country: 'US',
      language: 'English',
      location: 'Austin, Texas, United States',
    });
    assert.equal(market.countryName, 'United States');
    assert.deepEqual(approximateLocation(market), {
      type: 'approximate',
      country: 'US',
      city: 'Austin',
      region: 'Texas',
    });
    assert.equal(marketInstruction(market), 'The user is located in Austin, Texas, United States.');
  });

  it('keeps an unknown country as text for the instruction', () => {
    const market = resolveMarket({ country: 'Atlantis', language: 'French', location: null });
    assert.equal(market.countryCode, null);
    assert.equal(approximateLocation(market), undefined);
    assert.equal(marketInstruction(market), 'The user is located in Atlantis. Answer in French.');
  });

  it('says nothing for an English market with no place', () => {
    assert.equal(
      marketInstruction(resolveMarket({ country: null, language: 'English', location: null })),
      undefined,
    );
  });
});
