import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldName, foldText, isWordCharCode } from './text.ts';

describe('foldText', () => {
  const cases: Array<[string, string]> = [
    ['Acme', 'acme'],
    ['Café Núñez', 'cafe nunez'],
    ['Belleville Brûlerie', 'belleville brulerie'],
    ['Asana’s', "asana's"],
    ['„VaultHaus“', '"vaulthaus"'],
    ['Straße', 'straße'],
    ['İstanbul Kebap', 'istanbul kebap'],
  ];
  for (const [input, expected] of cases) {
    it(`folds ${JSON.stringify(input)} keeping every offset`, () => {
      const folded = foldText(input);
      assert.equal(folded, expected);
      assert.equal(folded.length, input.length);
    });
  }

  it('collapses whitespace in names', () => {
    assert.equal(foldName('  Square   Mile\tCoffee '), 'square mile coffee');
  });

  it('treats letters of any script and digits as word characters, punctuation not', () => {
    assert.equal(isWordCharCode('é', 0), true);
    assert.equal(isWordCharCode('7', 0), true);
    assert.equal(isWordCharCode("'", 0), false);
    assert.equal(isWordCharCode('—', 0), false);
  });
});
