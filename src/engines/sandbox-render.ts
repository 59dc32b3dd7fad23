import { DETAILS, fill, TAGS, VERDICTS } from './sandbox-phrases.ts';
import type { AnswerPlan, PlannedOption } from './sandbox-plan.ts';
import type { Random } from './sandbox-random.ts';
import { siteUrl } from './sandbox-sources.ts';
import type { Source } from './types.ts';

interface Writer {
  random: Random;
  plan: AnswerPlan;
  sources: Source[];
  /** False when a phrase would name a tracked brand by accident (a brand called "Clear", say). */
  safe: (text: string) => boolean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function safetyCheck(terms: readonly string[]): (text: string) => boolean {
  const patterns = terms
    .filter((term) => term.trim() !== '')
    .map((term) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(term)}(?![\\p{L}\\p{N}])`, 'iu'));
  return (text) => patterns.every((pattern) => !pattern.test(text));
}

function say(w: Writer, templates: readonly string[], fixed: Record<string, string> = {}): string {
  let text = '';
  for (let attempt = 0; attempt < 8; attempt++) {
    text = fill(w.random, w.random.pick(templates), fixed);
    if (w.safe(text)) return text;
  }
  return text;
}

/** Perplexity-style `[n]` markers pointing into the sources list. */
function cite(w: Writer): string {
  if (w.plan.platform !== 'perplexity' || w.sources.length === 0) return '';
  const [first, second] = w.random.shuffle(w.sources.map((_, i) => `[${i + 1}]`));
  return second !== undefined && w.random.chance(0.3) ? ` ${first}${second}` : ` ${first}`;
}

function tag(w: Writer, option: PlannedOption, index: number): string {
  if (option.tone === 'positive' && index === 0) return say(w, TAGS.topPositive);
  return say(w, TAGS[option.tone]);
}

function details(w: Writer, option: PlannedOption, count: number): string[] {
  const templates = w.random.shuffle(DETAILS[option.tone]).slice(0, count);
  return templates.map((template) => `${say(w, [template], { price: option.price })}${cite(w)}`);
}

function inlineLink(w: Writer, option: PlannedOption): string | null {
  if (!w.plan.inlineLinks || !w.random.chance(0.5)) return null;
  const page = w.random.pick([
    { text: 'pricing page', path: '/pricing' },
    { text: 'official site', path: '/' },
    { text: 'feature overview', path: '/features' },
  ]);
  const url = siteUrl(option.website, page.path);
  return url === null ? null : `See the [${page.text}](${url}).`;
}

function entryDetails(w: Writer, option: PlannedOption, count: number): string[] {
  const lines = details(w, option, count);
  const link = inlineLink(w, option);
  return link === null ? lines : [...lines, link];
}

function renderNumbered(w: Writer): string {
  const nested = w.random.chance(0.5);
  const items = w.plan.options.map((option, i) => {
    const head = `${i + 1}. **${option.label}** — ${tag(w, option, i)}`;
    const lines = entryDetails(w, option, w.random.int(2, 3));
    return nested ? [head, ...lines.map((line) => `   - ${line}`)].join('\n') : `${head}. ${lines.join(' ')}`;
  });
  return items.join(nested ? '\n\n' : '\n');
}

function renderHeaded(w: Writer): string {
  const level = w.random.pick(['##', '###']);
  const numbered = w.random.chance(0.7);
  return w.plan.options
    .map((option, i) => {
      const head = `${level} ${numbered ? `${i + 1}. ` : ''}**${option.label}** — ${tag(w, option, i)}`;
      const lines = entryDetails(w, option, w.random.int(2, 3));
      return [head, ...lines.map((line) => `- ${line}`)].join('\n');
    })
    .join('\n\n');
}

function renderBullets(w: Writer): string {
  return w.plan.options
    .map((option) => `* **${option.label}:** ${details(w, option, w.random.int(1, 2)).join(' ')}`)
    .join('\n');
}

function renderTable(w: Writer, column: string, note: (option: PlannedOption) => string): string {
  const rows = w.plan.options.map((option) => `| **${option.label}** | ${option.price} | ${note(option)} |`);
  return [`| Option | Starting price | ${column} |`, '|---|---|---|', ...rows].join('\n');
}

function intro(w: Writer): string {
  const { platform, market, options } = w.plan;
  const inMarket = market === null ? '' : ` in ${market}`;
  if (platform === 'ai_overviews') {
    return `Several options stand out${inMarket}, depending on budget, team size and the features you need:`;
  }
  if (platform === 'claude') {
    return `Based on my training data (I can't search the web), these options are commonly recommended${inMarket}:`;
  }
  if (platform === 'grok')
    return `Short answer: it depends on your budget, but here's the shortlist${inMarket}:`;
  const templates =
    market === null
      ? [
          'Here are some of the strongest options, based on features, pricing and what users say:',
          `There's no single right answer, but these ${options.length} options come up most often:`,
          'These are the options worth shortlisting, depending on budget and team size:',
        ]
      : [
          `Here are some of the strongest options for buyers in ${market}, based on features, pricing and what users say:`,
          `There's no single right answer, but these ${options.length} options come up most often in ${market}:`,
          `If you're based in ${market}, these are the options worth shortlisting:`,
        ];
  return w.random.pick(templates);
}

function closing(w: Writer): string {
  const { platform, market, options, brandTone, brandIndex } = w.plan;
  if (platform === 'claude') {
    return "Pricing and features change often, so confirm the details on each vendor's site before you decide.";
  }
  if (platform === 'ai_overviews')
    return 'When choosing, compare pricing, integrations and the quality of support.';
  // Only a brand that its own entry praised may be named as the winner, so the closing never changes its tone.
  const winner =
    brandTone === 'positive' && brandIndex !== null
      ? options[brandIndex]
      : options.find((option) => option.kind !== 'brand' && option.tone === 'positive');
  if (winner !== undefined && w.random.chance(0.6)) {
    const inMarket = market === null ? '' : ` in ${market}`;
    return `**Bottom line:** ${winner.label} is the safest choice for most buyers${inMarket}; shortlist two or three and use their free trials before committing.${cite(w)}`;
  }
  return `Tip: shortlist two or three of these and run a short trial with your own data before committing.${cite(w)}`;
}

export function renderSandboxAnswer(random: Random, plan: AnswerPlan, sources: Source[]): string {
  const w: Writer = { random, plan, sources, safe: safetyCheck(plan.trackedTerms) };
  const parts = [intro(w)];
  switch (plan.layout) {
    case 'numbered':
      parts.push(renderNumbered(w));
      break;
    case 'headed':
      parts.push(renderHeaded(w));
      break;
    case 'bullets':
      parts.push(renderBullets(w));
      break;
    case 'table':
      parts.push(renderTable(w, 'Notes', (option) => say(w, DETAILS[option.tone], { price: option.price })));
      break;
  }
  if (plan.withTable) {
    parts.push(
      '### Quick comparison',
      renderTable(w, 'Verdict', (option) => random.pick(VERDICTS[option.tone])),
    );
  }
  parts.push(closing(w));
  return parts.join('\n\n');
}
