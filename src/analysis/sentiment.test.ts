import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeAnswer } from './analyze.ts';
import { foldText } from './text.ts';
import { findToneCues } from './tone-cues.ts';
import type { BrandSet, Sentiment } from './types.ts';

const brandSet: BrandSet = {
  brand: { name: 'Acme', aliases: [], website: 'https://acme.com' },
  competitors: [{ name: 'Rival', aliases: [], website: 'https://rival.io' }],
};

const cases: Array<{ rule: string; answer: string; prompt?: string; expected: Sentiment | null }> = [
  { rule: 'not mentioned', answer: 'Rival is great.', expected: null },
  {
    rule: 'a top pick',
    answer: '1. **Acme** — best overall, excellent reporting.\n2. **Rival** — fine.',
    expected: 'positive',
  },
  {
    rule: 'a factual list entry',
    answer: '- **Acme** — invoicing and time tracking.\n- **Rival** — payroll.',
    expected: 'neutral',
  },
  {
    rule: 'a warning',
    answer: 'Avoid Acme: support is poor and prices keep rising. Most users are switching to Rival.',
    expected: 'negative',
  },
  {
    rule: 'a negated praise',
    answer: 'Acme is not great and not reliable; it is clunky.',
    expected: 'negative',
  },
  {
    rule: 'pros and cons given equal weight',
    answer: 'Acme is fast and affordable, but limited and slow to support.',
    expected: 'neutral',
  },
  {
    rule: 'a conditional recommendation between options',
    answer: 'Go with Acme if you need invoices; go with Rival if you need payroll.',
    expected: 'neutral',
  },
  {
    rule: 'praise of another brand does not rub off',
    answer: 'Acme covers the basics, while Rival is excellent and my top pick.',
    expected: 'neutral',
  },
  {
    rule: 'an answer about the brand reads its unnamed sentences too',
    prompt: 'Is Acme still worth it?',
    answer:
      'Honestly, Acme has slipped.\n\n- Support is slow.\n- Prices keep climbing; many feel frustrated.',
    expected: 'negative',
  },
  {
    rule: '“the best overall” is the top pick, not the weaker “the best”',
    answer: '* **Acme V2:** Frequently named the best overall desk for its stability.\n* **Rival:** cheaper.',
    expected: 'positive',
  },
  {
    rule: 'a word of caution about the brand outweighs its one praise',
    answer:
      '**A word of caution on Acme:** it has the most polished interface, but many users complain about upsells.',
    expected: 'negative',
  },
  {
    rule: 'a first-person purchase pick',
    answer: 'If you can wait, I’d get the Acme R2.\n\nRival is available now.',
    expected: 'positive',
  },
  {
    rule: 'a verdict label naming the pick',
    answer: '**1. Acme Nova** — long battery.\n**2. Rival Max** — louder.\n\n**My call:** the Acme Nova.',
    expected: 'positive',
  },
  {
    rule: 'a first-person pick in Portuguese, German and Spanish',
    answer:
      '**Minha indicação:** eu iria de Acme. **Fazit:** Wenn ich nur eines kaufen dürfte, wäre es Acme. Para tu caso, Acme es la que yo contrataría. Rival también.',
    expected: 'positive',
  },
  {
    rule: 'an unreachable support service, in French',
    answer:
      'Les prix de Acme sont attractifs, mais les avis incitent à la prudence.\n\n**Service client injoignable :** Acme ne répond plus dès qu’il y a un problème.',
    expected: 'negative',
  },
  {
    rule: 'a refusal to recommend anyone, naming the brand, is neutral',
    answer:
      "I can't recommend a specific attorney or vouch for any firm. Acme is one firm you could call for a consultation.",
    expected: 'neutral',
  },
  {
    rule: '“avoid” as a purpose is not advice against the brand',
    answer:
      '**Acme** feels like a familiar inbox: agents see who is replying to avoid collisions.\n\n**Rival** is a ticket system.',
    expected: 'neutral',
  },
  {
    rule: 'a first-person refusal to pick the brand, with its shortcomings',
    answer:
      "You can build a site on Acme, but I wouldn't pick it. **Upselling.** The dashboard pushes extras; many users complain.",
    expected: 'negative',
  },
  {
    rule: 'a recommendation in Spanish',
    answer: 'Depende de lo que valores, pero te recomendaría **Acme**. Rival también sirve.',
    expected: 'positive',
  },
  {
    rule: 'a best pick named as such',
    answer: '**Best pick: Acme Creatine.** Certified, no fillers.\n\n**Rival** is cheaper.',
    expected: 'positive',
  },
  {
    rule: 'a top pick in Portuguese',
    answer: '1. **Acme** — Melhor opção geral para home office.\n2. **Rival** — Boa cobertura.',
    expected: 'positive',
  },
  {
    rule: 'advice to avoid the brand in Italian',
    answer:
      '**Acme**\n* **Contro:** molti utenti lamentano ritardi frequenti.\n* Al momento è meglio evitarla e usare Rival.',
    expected: 'negative',
  },
  {
    rule: 'first-person advice to skip the brand',
    answer:
      'Both store clips, but Acme charges for history, so I would rather say: skip Acme here and buy Rival.',
    expected: 'negative',
  },
  {
    rule: 'the brand demoted to a backup after a complaint about it',
    answer: 'Late Acme pickups are a common complaint. Make Rival your default and keep Acme as a backup.',
    expected: 'negative',
  },
  {
    rule: 'a recommendation label naming the brand',
    answer:
      '**Our top recommendation: Acme**\n\nAcme is the easiest fit for small shops.\n\nRival also works.',
    expected: 'positive',
  },
  {
    rule: 'the first name under a pick heading, written with its product',
    answer:
      '| Model | Price |\n|---|---|\n| Rival Z | $$ |\n\n### My pick\nThe **Acme Trail 3** suits long days out.',
    expected: 'positive',
  },
  {
    rule: 'a product named again without the brand keeps the brand’s tone',
    answer:
      '1. **Acme Roadster** — roomy.\n2. **Rival Coupe** — quick.\n\nFor most drivers, the Roadster is the sweet spot.',
    expected: 'positive',
  },
  {
    rule: 'praise in an entry led by another brand stays with that brand',
    answer:
      '- **Acme** — a roomy cabin.\n- **Rival** — superb, excellent handling, though smaller than the Acme.',
    expected: 'neutral',
  },
  {
    rule: 'the user’s own complaint process is not a complaint about the brand',
    prompt: 'How do I get a refund from Acme for a late order?',
    answer:
      'File a complaint through the Acme complaint form. Write a calm, factual complaint and keep receipts.',
    expected: 'neutral',
  },
  {
    rule: 'scam warnings about lures that imitate the brand',
    prompt: 'Is this Acme renewal text real?',
    answer:
      'Be cautious: it looks like a phishing text. Scam links copy the name, and red flags include urgency. Acme never asks for your password.',
    expected: 'neutral',
  },
  {
    rule: 'advice on conduct is not a warning against the brand',
    answer: 'Acme handles transfers fine; avoid keeping large balances there long-term.',
    expected: 'neutral',
  },
  {
    rule: 'hypotheticals in an opening if-clause are not judgements',
    prompt: 'Does Acme work on old phones?',
    answer: 'Acme runs on most phones. If it ever feels buggy or clunky or slow, reinstall it.',
    expected: 'neutral',
  },
];

/** The tone cues of a text, as [praise, criticism] weights. */
const weigh = (text: string) => findToneCues(foldText(text)).map((cue) => [cue.positive, cue.negative]);

describe('sentiment toward the brand', () => {
  for (const entry of cases) {
    it(entry.rule, () => {
      const result = analyzeAnswer({
        ...brandSet,
        prompt: entry.prompt ?? '',
        answer: entry.answer,
        sources: [],
      });
      assert.equal(result.sentiment, entry.expected);
    });
  }

  it('reads asking whether something is worth it as no judgement, and saying so as praise', () => {
    assert.deepEqual(weigh('Whether it’s worth it depends on what you want covered.'), []);
    assert.deepEqual(weigh('Is it worth it? For most families, it is worth it.'), [[1, 0]]);
  });

  it('reads no judgement in a refusal to recommend anyone, nor in a Portuguese “limite”', () => {
    assert.deepEqual(weigh("I can't recommend a specific attorney or vouch for any firm."), []);
    assert.deepEqual(weigh('O limite é ajustável pelo app.'), []);
    assert.deepEqual(weigh("L'offre est trop limitée."), [[0, 1]]);
  });

  it('takes a prompt typed in lower case as being about an everyday-word brand', () => {
    const answer = {
      brand: { name: 'Chase', aliases: [], website: 'https://www.chase.com' },
      competitors: [],
      answer:
        'Honestly? Probably yes.\n\nChase charges $12 a month.\n\n- Fees are hard to justify.\n- Many feel frustrated.',
      sources: [],
    };
    assert.equal(
      analyzeAnswer({ ...answer, prompt: 'chase keeps charging me. should i switch' }).sentiment,
      'negative',
    );
    // The same question in sentence case names "Chase" with its capital; an ordinary "chase" in
    // running lower case would not make the answer about the brand.
    assert.equal(
      analyzeAnswer({ ...answer, prompt: 'Why do I chase fees? Should I switch' }).sentiment,
      'neutral',
    );
  });
});
