import { slugify, titleCase, topicWords } from './sandbox-names.ts';
import type { AnswerPlan, PlannedOption } from './sandbox-plan.ts';
import type { Random } from './sandbox-random.ts';
import type { Source } from './types.ts';

/** `path` resolved against `base`, or null when `base` is not an http(s) URL. */
export function siteUrl(base: string | null, path: string): string | null {
  if (base === null) return null;
  try {
    const url = new URL(path, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

function hostOf(website: string | null): string | null {
  const url = siteUrl(website, '/');
  return url === null ? null : new URL(url).hostname.replace(/^www\./, '');
}

const SITE_PAGES = [
  { path: '/pricing', title: 'Pricing' },
  { path: '/features', title: 'Features' },
  { path: '/customers', title: 'Customer stories' },
];
const SUBREDDITS = ['smallbusiness', 'SaaS', 'Entrepreneur', 'sysadmin', 'marketing', 'startups'];

function optionSource(random: Random, option: PlannedOption, slug: string): Source | null {
  const page = random.chance(0.3)
    ? { path: `/blog/${slug}`, title: titleCase(slug.split('-')) }
    : random.pick(SITE_PAGES);
  const url = siteUrl(option.website, page.path);
  return url === null ? null : { url, title: `${page.title} | ${option.name}` };
}

function referenceSources(random: Random, prompt: string, options: readonly PlannedOption[]): Source[] {
  const words = topicWords(prompt, 3);
  const topic = words.length > 0 ? words.join(' ') : 'buying guide';
  const topicTitle = titleCase(topic.split(' '));
  const slug = slugify(prompt);
  const shortSlug = slugify(prompt, 3);
  const subreddit = random.pick(SUBREDDITS);
  const postId = random.next().toString(36).slice(2, 9).padEnd(7, '0');
  const wikiTitle = topic[0].toUpperCase() + topic.slice(1).replace(/ /g, '_');
  const sources: Source[] = [
    {
      url: `https://www.g2.com/categories/${shortSlug}`,
      title: `Best ${topicTitle}: Reviews & Comparisons | G2`,
    },
    { url: `https://www.capterra.com/${shortSlug}/`, title: `${topicTitle}: Compare Top Options | Capterra` },
    {
      url: `https://www.reddit.com/r/${subreddit}/comments/${postId}/${slug.replace(/-/g, '_')}/`,
      title: `${prompt} : r/${subreddit}`,
    },
    {
      url: `https://en.wikipedia.org/wiki/${encodeURIComponent(wikiTitle)}`,
      title: `${topicTitle} - Wikipedia`,
    },
    { url: `https://www.techradar.com/best/best-${slug}`, title: `The best ${topic} | TechRadar` },
    {
      url: `https://www.forbes.com/advisor/business/${slug}/`,
      title: `${topicTitle}: Best Options Compared – Forbes Advisor`,
    },
  ];
  const reviewed = random.pick(options);
  const host = hostOf(reviewed.website);
  if (host !== null) {
    sources.push({
      url: `https://www.trustpilot.com/review/${host}`,
      title: `${reviewed.name} Reviews | Read Customer Service Reviews of ${host}`,
    });
  }
  return sources;
}

/**
 * 2–5 sources (2–4 for AI Overviews) drawn from the listed options' own sites and from review,
 * forum and reference sites, deduplicated by URL. None for a platform that does not search.
 */
export function buildSources(random: Random, plan: AnswerPlan, prompt: string): Source[] {
  if (!plan.withSources) return [];
  const slug = slugify(prompt);
  const candidates: Source[] = [];
  for (const option of plan.options) {
    // The brand's own site is cited only sometimes, so `brand_cited` varies as well.
    const weight = option.kind === 'brand' ? 0.5 : 0.6;
    if (!random.chance(weight)) continue;
    const source = optionSource(random, option, slug);
    if (source !== null) candidates.push(source);
  }
  candidates.push(...referenceSources(random, prompt, plan.options));

  const count = plan.platform === 'ai_overviews' ? random.int(2, 4) : random.int(2, 5);
  // ChatGPT tags the links it cites with its own utm_source.
  const tagged = (plan.platform === 'chatgpt' || plan.platform === 'chatgpt_search') && random.chance(0.4);
  const seen = new Set<string>();
  const sources: Source[] = [];
  for (const source of random.shuffle(candidates)) {
    if (sources.length === count) break;
    if (seen.has(source.url)) continue;
    seen.add(source.url);
    const url = new URL(source.url);
    if (tagged) url.searchParams.set('utm_source', 'chatgpt.com');
    sources.push({ url: url.href, title: source.title });
  }
  return sources;
}
