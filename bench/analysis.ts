// Answers analysed per CPU-second on one core: the full analyzer beside a naive baseline that runs one
// case-insensitive regular expression per tracked name. Deterministic input, bounded to ~20 s.
//   node --import tsx bench/analysis.ts
import { createAnalyzer } from '../src/analysis/analyze.ts';
import { isEnglishText } from '../src/analysis/answer-language.ts';
import { parseMarkdown } from '../src/analysis/markdown.ts';
import { compileEntityMatcher, findMentions } from '../src/analysis/mentions.ts';
import { createNoInformationCheck } from '../src/analysis/no-information.ts';
import { foldText } from '../src/analysis/text.ts';
import type { BrandSet } from '../src/analysis/types.ts';
import { findTextUrls } from '../src/analysis/urls.ts';

const TRACKED_NAMES = 50;
const ANSWER_BYTES = 3000;
const ANSWER_COUNT = 200;
const WARM_UP_MS = 1000;
const MEASURE_MS = 5000;
const ROUND_MS = 250;

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

const random = seededRandom(20250101);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const SYLLABLES = [
  'zen',
  'tri',
  'qua',
  'lo',
  'mar',
  'vex',
  'no',
  'ra',
  'pli',
  'dex',
  'sun',
  'ko',
  'bel',
  'tor',
  'fi',
];
const EVERYDAY = [
  'Wave',
  'Kit',
  'Close',
  'Monday',
  'Harvest',
  'Pilot',
  'Beacon',
  'Summit',
  'Anchor',
  'Ledger',
];

function inventedName(): string {
  const word = Array.from({ length: 2 + Math.floor(random() * 2) }, () => pick(SYLLABLES)).join('');
  return word[0].toUpperCase() + word.slice(1);
}

function brandRef(index: number) {
  const name = index % 5 === 0 ? EVERYDAY[(index / 5) % EVERYDAY.length] : inventedName();
  return {
    name: index % 7 === 0 ? `${name} Cloud` : name,
    aliases: index % 3 === 0 ? [`${name} App`, `${name}HQ`] : [],
    website: `https://www.${name.toLowerCase()}${index}.com`,
  };
}

const refs = Array.from({ length: TRACKED_NAMES }, (_, index) => brandRef(index));
const brandSet: BrandSet = { brand: refs[0], competitors: refs.slice(1) };
const untracked = Array.from({ length: 30 }, () => inventedName());
const FILLER = [
  'It offers solid reporting and a clean interface, though pricing climbs as your team grows.',
  'Reviewers praise its onboarding, but some mention a learning curve for advanced automations.',
  'A good fit for small teams that want something simple on Monday morning and reliable all week.',
  'Support is responsive, and the mobile app covers the basics well.',
  'If budget matters most, the free tier is generous enough to start with.',
];

function answer(seed: number): string {
  const parts = [`Here are the options most teams shortlist (case ${seed}):\n`];
  let index = 1;
  while (parts.join('\n').length < ANSWER_BYTES * 0.75) {
    const name = random() < 0.6 ? pick(refs).name : pick(untracked);
    parts.push(`${index}. **${name}** — ${pick(FILLER)} ${pick(FILLER)}`);
    index++;
  }
  parts.push('\n| Tool | Best for |\n|---|---|');
  for (let row = 0; row < 3; row++) parts.push(`| ${pick(refs).name} | ${pick(FILLER).slice(0, 40)} |`);
  const cited = pick(refs).website;
  parts.push(
    `\nSee [${cited.replace('https://www.', '')}](${cited}/pricing?utm_source=ai) and ${cited}/blog.`,
  );
  let text = parts.join('\n');
  while (text.length < ANSWER_BYTES) text += ` ${pick(FILLER)}`;
  return text.slice(0, ANSWER_BYTES);
}

const answers = Array.from({ length: ANSWER_COUNT }, (_, seed) => answer(seed));
const sources = [{ url: `${refs[1].website}/compare`, title: 'Comparison' }];

function naiveBaseline(): (text: string) => number {
  const escapeName = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const patterns = refs
    .flatMap((ref) => [ref.name, ...ref.aliases])
    .map((name) => new RegExp(`\\b${escapeName(name)}\\b`, 'gi'));
  return (text) => {
    let found = 0;
    for (const pattern of patterns) {
      pattern.lastIndex = 0;
      while (pattern.exec(text) !== null) found++;
    }
    return found;
  };
}

interface Contender {
  label: string;
  run: (text: string) => unknown;
  answers: number;
  cpuMs: number;
}

// The machine may be shared: alternating short rounds gives both contenders the same conditions.
function race(contenders: Contender[]): void {
  // CPU time, not wall time: on a busy machine the wall clock also counts other processes' turns.
  const round = (contender: Contender, budgetMs: number) => {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    let count = 0;
    while (performance.now() - started < budgetMs) {
      contender.run(answers[(contender.answers + count) % answers.length]);
      count++;
    }
    const cpu = process.cpuUsage(cpuBefore);
    return { count, elapsed: (cpu.user + cpu.system) / 1000 };
  };
  for (const contender of contenders) round(contender, WARM_UP_MS);
  for (let index = 0; index < MEASURE_MS / ROUND_MS; index++) {
    for (const contender of contenders) {
      const { count, elapsed } = round(contender, ROUND_MS);
      contender.answers += count;
      contender.cpuMs += elapsed;
    }
  }
}

const analyze = createAnalyzer(brandSet);
const matcher = compileEntityMatcher([brandSet.brand, ...brandSet.competitors]);
const mentionsOnly = (text: string) => {
  const folded = foldText(text);
  return findMentions(matcher, {
    text,
    folded,
    document: parseMarkdown(text),
    excluded: findTextUrls(text).excluded,
    saysNoInformation: createNoInformationCheck(folded),
    english: isEnglishText(folded),
  });
};
const baseline = naiveBaseline();
console.log(
  `${answers.length} answers of ${ANSWER_BYTES} characters, ${TRACKED_NAMES} tracked names ` +
    `(${refs.reduce((sum, ref) => sum + 1 + ref.aliases.length, 0)} names and aliases), one core`,
);
const contenders: Contender[] = [
  {
    label: 'analyzer (mentions, options, tone, citations)',
    run: (text) => analyze({ answer: text, sources }),
    answers: 0,
    cpuMs: 0,
  },
  { label: 'analyzer, mentions only (with the README rules)', run: mentionsOnly, answers: 0, cpuMs: 0 },
  { label: 'baseline (one regex per name, mentions only)', run: baseline, answers: 0, cpuMs: 0 },
];
race(contenders);
const [full, mentions, naive] = contenders.map((contender) => {
  const perSecond = (contender.answers * 1000) / contender.cpuMs;
  console.log(`${contender.label.padEnd(48)} ${perSecond.toFixed(0).padStart(7)} answers per CPU-second`);
  return perSecond;
});
console.log(
  `full analyzer / baseline: ${(full / naive).toFixed(2)}×; mentions only / baseline: ${(mentions / naive).toFixed(2)}×`,
);
