import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { suggestAliases } from './aliases.ts';

const brand = { name: 'Acme Corp', aliases: ['Acme'], website: 'https://www.acme.com' };

describe('suggestAliases', () => {
  it('finds spacing, punctuation, accent and domain spellings, not case variants', () => {
    const suggestions = suggestAliases(brand, [
      'AcmeCorp and Acme-Corp are the same. ACME CORP too.',
      'Try AcmeCorp or acmé. Visit acme.com, not https://acme.com/x.',
      'AcmeCorp again.',
    ]);
    assert.deepEqual(
      suggestions.map((suggestion) => [suggestion.business_name, suggestion.occurrences, suggestion.signals]),
      [
        ['AcmeCorp', 3, ['spacing_variant', 'seen_in_multiple_answers']],
        ['acmé', 1, ['accent_variant']],
        ['acme.com', 1, ['domain_form']],
        ['Acme-Corp', 1, ['punctuation_variant']],
      ],
    );
    for (const suggestion of suggestions) {
      assert.ok(suggestion.confidence >= 0 && suggestion.confidence <= 100);
    }
    assert.ok(suggestions[0].confidence > suggestions[3].confidence);
  });

  it('does not suggest what is already an alias, or names inside URLs', () => {
    const suggestions = suggestAliases({ ...brand, aliases: ['Acme', 'AcmeCorp', 'acme.com'] }, [
      'AcmeCorp at acme.com; see https://example.com/Acme-Corp',
    ]);
    assert.deepEqual(suggestions, []);
  });

  it('is deterministic', () => {
    const answers = ['Acme-Corp, AcmeCorp', 'acmé and Acme-Corp'];
    assert.deepEqual(suggestAliases(brand, answers), suggestAliases(brand, answers));
  });
});
