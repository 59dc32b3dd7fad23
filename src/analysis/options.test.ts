import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeAnswer } from './analyze.ts';
import type { BrandSet } from './types.ts';

const brandSet: BrandSet = {
  brand: { name: 'Asana', aliases: [], website: 'https://asana.com' },
  competitors: [
    { name: 'Trello', aliases: [], website: 'https://trello.com' },
    { name: 'ClickUp', aliases: [], website: 'https://clickup.com' },
  ],
};

function read(answer: string) {
  const result = analyzeAnswer({ ...brandSet, answer, sources: [] });
  return { others: result.other_brands, position: result.brand_position };
}

const cases: Array<{ rule: string; answer: string; others: string[]; position: number | null }> = [
  {
    rule: 'bold list leads beside tracked brands, including everyday words',
    answer:
      '1. **Trello** — kanban\n2. **Close** — calls\n3. **Asana** — structure\n4. **Teamwork.com** — billing',
    others: ['Close', 'Teamwork.com'],
    position: 3,
  },
  {
    rule: 'numbered headings and a plain numbered list',
    answer: '### 1. Basecamp\nCalm.\n### 2. Asana\nSolid.\n\nAlso:\n1. Trello\n2. Wrike\n',
    others: ['Basecamp', 'Wrike'],
    position: 2,
  },
  {
    rule: 'the name column of a table',
    answer: '| Model | Brand |\n|---|---|\n| Board X | Trello |\n| Flow 2 | Linear |\n| Ops | Asana |',
    others: ['Linear'],
    position: 3,
  },
  {
    rule: 'abstract nouns and plural features heading a point with a colon are labels',
    answer:
      '### Our pick: Asana\n* **Consistency:** the same plan each week.\n* **Flexibility:** easy changes.\n* **Batteries:** not needed.\n\n### Others\n* **Trello:** boards.\n* **Handy:** cheaper.',
    others: ['Handy'],
    position: 1,
  },
  {
    rule: 'a section of options vouches for its items though the same list shape holds labels elsewhere',
    answer:
      '### Top pick: Asana\n* **Real support:** humans answer.\n* **Clear path:** a guided set-up.\n\n### Other options\n* **Simply Plan:** boards for small teams.\n* **Flowkey:** timelines.\n\n### Tips\n* **Start small:** one team first.\n* **Review weekly:** it pays off.',
    others: ['Simply Plan', 'Flowkey'],
    position: 1,
  },
  {
    rule: 'an everyday word ending in -ing leads an activity, not an option',
    answer: '- **Trello** — boards.\n- **Basecamp** — calm.\n- **Budgeting** — plan each week in hours.',
    others: ['Basecamp'],
    position: null,
  },
  {
    rule: 'a table whose corner heads attributes names its options across the header, not down the rows',
    answer:
      '| per 100 ml | Asana | Basecamp |\n|---|---|---|\n| Protein | 1 g | 3 g |\n| Sugars | 3 g | 5 g |\n| Calcium | 120 mg | 120 mg |',
    others: ['Basecamp'],
    position: 1,
  },
  {
    rule: 'a table with an empty corner lists attributes down its first column',
    answer:
      '| | Trello | Asana |\n|---|---|---|\n| Owner Reported Reliability | Good | Fair |\n| Heel Drop | 8 mm | 6 mm |',
    others: [],
    position: 2,
  },
  {
    rule: 'an abstract noun standing as a name in a table row is an option',
    answer: '| Tool | Fit |\n|---|---|\n| Affinity | Deal flow |\n| Asana | Tasks |',
    others: ['Affinity'],
    position: 2,
  },
  {
    rule: 'labels are not options',
    answer:
      '- **Pros:** fast\n- **Cons:** pricey\n\n**Now:** this\n**Next:** that\n\n**Bottom line:** use Asana.',
    others: [],
    position: 1,
  },
  {
    rule: 'names in passing are not options',
    answer: 'Asana integrates with Slack and Google Drive, and Microsoft owns GitHub.',
    others: [],
    position: 1,
  },
  {
    rule: 'an option written with its product keeps the text as written',
    answer: '- **Jasion EB5** — budget pick\n- **Trello** — boards',
    others: ['Jasion EB5'],
    position: null,
  },
  {
    rule: 'bold paragraph leads',
    answer: '**Notion** is flexible.\n\n**Asana** is structured.\n\n**Start small.** Pilot with one team.',
    others: ['Notion'],
    position: 2,
  },
  {
    rule: 'a product of a tracked brand is that brand, not another',
    answer: '- **Trello Premium** — more views\n- **Asana Starter** — timelines',
    others: [],
    position: 2,
  },
  {
    rule: 'a label before the name in a bold lead',
    answer: '- **Best overall: Asana** — structure\n- **Best budget pick: Zoho CRM** — cheap',
    others: ['Zoho CRM'],
    position: 1,
  },
  {
    rule: 'options across a table header that names tracked brands',
    answer:
      '| Feature | Trello | Basecamp |\n|---|---|---|\n| Price | Free | $15 |\n| Views | Boards | Lists |',
    others: ['Basecamp'],
    position: null,
  },
  {
    rule: 'bold features and platforms are not options',
    answer: 'Asana supports **2FA**, **SSO** and **4K** exports on **iOS** and **Android**.',
    others: [],
    position: 1,
  },
  {
    rule: 'bold leads made of feature nouns are labels, even beside tracked brands',
    answer:
      '**Trello**\nBoards.\n\n**Warranty**\nBoth fine.\n\n**Data protection**\nSame.\n\n**Asana**\nTimelines.',
    others: [],
    position: 2,
  },
  {
    rule: 'a title-case name with a feature noun stays a name',
    answer: '- **Trello** — boards\n- **Bright Value** — cheap',
    others: ['Bright Value'],
    position: null,
  },
  {
    rule: 'untracked "Label:" items need no everyday word among them',
    answer: 'Asana is fine. Check:\n- **Timezones:** all of them\n- **Mobile:** offline mode',
    others: [],
    position: 1,
  },
  {
    rule: 'a name may keep a two-letter inner word or a closing product noun',
    answer:
      '- **Trello** — boards\n- **Zorp it Secured** — deposit\n- **Krellbank Euro Plus account** — euro IBAN',
    others: ['Zorp it Secured', 'Krellbank Euro Plus account'],
    position: null,
  },
  {
    rule: "an aside in brackets or a second joined bold name keeps the item's shape",
    answer:
      '- **Trello**: boards\n- **Kestrel Works** (via Costco): cheap\n- **Norvane** paired with **Tallyo**: simple',
    others: ['Kestrel Works', 'Norvane', 'Tallyo'],
    position: null,
  },
  {
    rule: 'a lowercase compound after a capitalised name',
    answer: '## Trello\nBoards.\n\n## Kestrel lohn+gehalt\nDesktop.',
    others: ['Kestrel lohn+gehalt'],
    position: null,
  },
  {
    rule: 'a capitalised word after "try" without a swap is not an option',
    answer: '- Try Yoga classes on rest days.\n- Asana is fine.',
    others: [],
    position: 1,
  },
  {
    rule: 'a product token written with a plus sign',
    answer: '| Food | Note |\n|---|---|\n| Trello Boards | x |\n| Kibbo +Plus Puppy | y |',
    others: ['Kibbo +Plus Puppy'],
    position: null,
  },
  {
    rule: 'a bold name joined to the lead by "and" shares its list',
    answer: '- **Trello** and **Basecamp** score highest.\n- **Asana** trails.',
    others: ['Basecamp'],
    position: 3,
  },
  {
    rule: 'a bold name the sentence offers as a choice',
    answer:
      'Asana helps. A timer such as **Tickstone** helps too; for notes, **Remindly** is the best-known option.',
    others: ['Tickstone', 'Remindly'],
    position: 1,
  },
  {
    rule: 'bold features after "features like" are not choices',
    answer: 'Asana has features like **Smart Rules** and **Goal Sync**.',
    others: [],
    position: 1,
  },
  {
    rule: 'an inline bold followed by a colon is a label',
    answer: 'Pick **Trello** or **Asana**. **Workload:** both fine.',
    others: [],
    position: 2,
  },
  {
    rule: "an alternative offered in a list item's sentence",
    answer:
      '- **Trello** — boards.\n- **Sizing runs small.** If so, try Kestrel Works instead.\n- **Mind the drop.** Norvane Labs makes a similar board with more views.',
    others: ['Kestrel Works', 'Norvane Labs'],
    position: null,
  },
];

describe('other brands and positions', () => {
  for (const entry of cases) {
    it(entry.rule, () =>
      assert.deepEqual(read(entry.answer), { others: entry.others, position: entry.position }),
    );
  }
});
