import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeAnswer } from './analyze.ts';
import type { BrandSet } from './types.ts';

const brand = (
  name: string,
  aliases: string[] = [],
  website = `https://www.${name.toLowerCase().replace(/\W/g, '')}.com`,
) => ({
  name,
  aliases,
  website,
});

function mentioned(brandSet: BrandSet, answer: string, prompt = ''): string[] {
  return analyzeAnswer({ ...brandSet, prompt, answer, sources: [] }).mentioned;
}

interface MentionCase {
  rule: string;
  brandSet: BrandSet;
  answer: string;
  expected: string[];
}

const monday: BrandSet = {
  brand: brand('monday.com', ['Monday'], 'https://monday.com'),
  competitors: [brand('Asana')],
};
const hoka: BrandSet = {
  brand: brand('Hoka', ['HOKA ONE ONE']),
  competitors: [brand('On', ['On Running'], 'https://www.on.com')],
};
const cafe: BrandSet = { brand: brand('Café Núñez', [], 'https://www.cafenunez.es'), competitors: [] };
const purina: BrandSet = {
  brand: brand('Purina Pro Plan', [], 'https://www.purina.com/pro-plan'),
  competitors: [],
};
const acme: BrandSet = {
  brand: brand('Acme', [], 'https://acme.com'),
  competitors: [brand('Rival', [], 'https://rival.io')],
};
const everyday: BrandSet = {
  brand: brand('Wave', ['Wave Accounting'], 'https://www.waveapps.com'),
  competitors: [
    brand('Kit', ['ConvertKit'], 'https://kit.com'),
    brand('Square Mile', [], 'https://squaremile.com'),
  ],
};

const garden: BrandSet = {
  brand: brand('Bloom', ['Bloom Garden'], 'https://bloomgarden.com'),
  competitors: [brand('Cadence'), brand('Ember', ['Ember Mug']), brand('YETI')],
};

const sfizio: BrandSet = {
  brand: brand('Sfizio', [], 'https://sfizio.it'),
  competitors: [brand('Claro', [], 'https://claro.com.br')],
};

const cases: MentionCase[] = [
  {
    rule: 'in another language, a capitalised name written in lower case is that language’s word',
    brandSet: sfizio,
    answer: 'Per togliersi uno sfizio a tarda sera, è chiaro e claro: la app Sfizio è comoda e veloce.',
    expected: ['Sfizio'],
  },
  {
    rule: 'in English, a name in lower case still counts (case is ignored)',
    brandSet: acme,
    answer: 'Most teams I know use acme for this, and it works well.',
    expected: ['Acme'],
  },
  {
    rule: 'a name that is an ordinary dictionary word, used as the word',
    brandSet: garden,
    answer: 'Hydrangeas bloom on old wood; keep a steady cadence of watering.',
    expected: [],
  },
  {
    rule: 'the same names written as names',
    brandSet: garden,
    answer: 'Bloom is a garden feed; Cadence sells planters.',
    expected: ['Bloom', 'Cadence'],
  },
  {
    rule: '“the” before an everyday-word name and a numbered model',
    brandSet: garden,
    answer: 'The Ember Mug 2 keeps coffee warm.',
    expected: ['Ember'],
  },
  {
    rule: 'an everyday-word name written in capitals as the brand spells itself',
    brandSet: garden,
    answer: '- **YETI Rambler 10 oz Mug**: no electronics.',
    expected: ['YETI'],
  },
  {
    rule: 'an everyday-word name leading an option label that goes on as a product line',
    brandSet: everyday,
    answer: '1. **Wave for Freelancers** — simple invoicing.',
    expected: ['Wave'],
  },
  { rule: 'name ignoring case', brandSet: acme, answer: 'We use ACME daily.', expected: ['Acme'] },
  {
    rule: 'possessive',
    brandSet: acme,
    answer: "Acme's reports are fine; Acme’s app too.",
    expected: ['Acme'],
  },
  {
    rule: 'diacritics either way',
    brandSet: cafe,
    answer: 'Cafe Nunez roasts medium.',
    expected: ['Café Núñez'],
  },
  { rule: 'alias', brandSet: hoka, answer: 'The HOKA ONE ONE range is wide.', expected: ['Hoka'] },
  {
    rule: 'product containing the name',
    brandSet: hoka,
    answer: 'Try the Hoka Clifton 9.',
    expected: ['Hoka'],
  },
  {
    rule: 'a partial name is not a mention',
    brandSet: purina,
    answer: 'Purina makes many lines.',
    expected: [],
  },
  {
    rule: 'domain written as text',
    brandSet: acme,
    answer: 'Sign up at acme.com today.',
    expected: ['Acme'],
  },
  {
    rule: 'domain as link text',
    brandSet: acme,
    answer: 'See [acme.com](https://acme.com/pricing).',
    expected: ['Acme'],
  },
  {
    rule: 'name only inside a URL',
    brandSet: acme,
    answer: 'Read https://acme.com/blog or [this](https://x.com/acme).',
    expected: [],
  },
  {
    rule: 'brand host inside another site’s path',
    brandSet: acme,
    answer: 'Reviews: trustpilot.com/review/acme.com',
    expected: [],
  },
  {
    rule: 'no-information statement',
    brandSet: acme,
    answer: "I couldn't find any information about Acme, so I can't compare it with Rival.",
    expected: [],
  },
  {
    rule: 'no-information statement in German',
    brandSet: acme,
    answer: 'Zu „Acme“ liegen mir leider keine verlässlichen Informationen vor. Rival ist bekannt.',
    expected: ['Rival'],
  },
  {
    rule: 'no-information statements in other words and languages',
    brandSet: acme,
    answer: [
      'My training data does not include Acme.',
      "I'm not familiar with Acme.",
      "Je n'ai pas d'informations sur Acme.",
      'No tengo información sobre Acme.',
      'Non ho informazioni su Acme.',
      'Não tenho informações sobre Acme.',
    ].join('\n'),
    expected: [],
  },
  {
    rule: 'a refusal that still names the brand',
    brandSet: acme,
    answer: "I can't recommend providers, but Acme is one you could call.",
    expected: ['Acme'],
  },
  {
    rule: 'weekday is an ordinary word',
    brandSet: monday,
    answer: 'Plan on Monday morning; a Monday check-in works. Asana helps.',
    expected: ['Asana'],
  },
  {
    rule: 'weekday name counts once the brand is named unambiguously',
    brandSet: monday,
    answer: "Asana or monday.com? Monday's boards are more visual.",
    expected: ['Asana', 'monday.com'],
  },
  {
    rule: 'lower-case everyday word',
    brandSet: everyday,
    answer: 'A wave of changes; a starter kit.',
    expected: [],
  },
  {
    rule: 'capitalised everyday-word name',
    brandSet: everyday,
    answer: 'For invoices, use Wave or Kit.',
    expected: ['Wave', 'Kit'],
  },
  {
    rule: 'bold everyday-word name',
    brandSet: everyday,
    answer: '- **Kit** — creator email',
    expected: ['Kit'],
  },
  {
    rule: 'sentence-initial everyday word followed by a verb',
    brandSet: everyday,
    answer: 'Kit is built for creators.',
    expected: ['Kit'],
  },
  {
    rule: 'sentence-initial everyday word used as a word',
    brandSet: hoka,
    answer: 'On race day, rest.',
    expected: [],
  },
  {
    rule: '“the” before an everyday-word name makes it a place',
    brandSet: everyday,
    answer: 'Offices in the Square Mile are pricey.',
    expected: [],
  },
  {
    rule: 'an everyday-word name leading a bold label with its model',
    brandSet: everyday,
    answer: '**1. Wave Plus** — invoices\n\nIf I had to choose, it would be the Wave Plus.',
    expected: ['Wave'],
  },
  {
    rule: '“the” before an everyday-word name and a capitalised word, with no other mention',
    brandSet: everyday,
    answer: 'Surfers love the Wave Pool at the resort.',
    expected: [],
  },
  {
    rule: 'a longer name is not two mentions',
    brandSet: everyday,
    answer: 'ConvertKit is now Kit.',
    expected: ['Kit'],
  },
];

describe('mentions (eval README rules)', () => {
  for (const entry of cases) {
    it(entry.rule, () => assert.deepEqual(mentioned(entry.brandSet, entry.answer), entry.expected));
  }

  it('lists tracked entities in order of first mention', () => {
    assert.deepEqual(mentioned(acme, 'Rival first, then Acme, then Rival again.'), ['Rival', 'Acme']);
  });
});
