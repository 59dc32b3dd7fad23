import type { Random } from './sandbox-random.ts';

export interface InventedBrand {
  name: string;
  /** A spaced spelling, e.g. "Bright Desk" for "BrightDesk". */
  alias: string;
  website: string;
}

const PREFIXES = [
  'Bright',
  'North',
  'Clear',
  'Blue',
  'Nova',
  'Summit',
  'Swift',
  'Harbor',
  'Vertex',
  'Lumen',
  'Atlas',
  'Pine',
  'Orbit',
  'Keystone',
  'Silver',
  'Maple',
  'Quanta',
  'Echo',
  'Cobalt',
  'Juniper',
  'Tidal',
  'Ember',
];
const SUFFIXES = [
  'wave',
  'path',
  'stack',
  'desk',
  'base',
  'works',
  'flow',
  'hub',
  'forge',
  'point',
  'scale',
  'loop',
  'field',
  'craft',
  'mint',
  'grid',
];
const TLDS = ['.com', '.com', '.com', '.io', '.co'];

/** Lower-cased letters and digits only, so "Monday.com" and "monday com" compare equal. */
export function compact(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function collides(candidate: string, taken: readonly string[]): boolean {
  const c = compact(candidate);
  return taken.some((name) => {
    const t = compact(name);
    return t.length > 0 && (c === t || (t.length >= 3 && (c.includes(t) || t.includes(c))));
  });
}

/**
 * `count` invented brand names that neither equal nor contain any name in `taken` (the tracked
 * brand, competitors and their aliases), so an answer never mentions a tracked brand by accident.
 * Fewer are returned only when the name space is exhausted.
 */
export function inventBrands(random: Random, count: number, taken: readonly string[]): InventedBrand[] {
  const brands: InventedBrand[] = [];
  const used = [...taken];
  // Distinct stems read like a real market; "JuniperLoop" next to "JuniperWave" does not.
  const usedStems = new Set(
    [...PREFIXES, ...SUFFIXES].filter((stem) =>
      taken.some((name) => compact(name).includes(stem.toLowerCase())),
    ),
  );
  for (let attempt = 0; brands.length < count && attempt < count * 50; attempt++) {
    const prefix = random.pick(PREFIXES);
    const suffix = random.pick(SUFFIXES);
    if (usedStems.has(prefix) || usedStems.has(suffix)) continue;
    const upper = suffix[0].toUpperCase() + suffix.slice(1);
    const name = random.chance(0.5) ? `${prefix}${upper}` : `${prefix}${suffix}`;
    if (collides(name, used)) continue;
    used.push(name);
    usedStems.add(prefix);
    usedStems.add(suffix);
    brands.push({
      name,
      alias: `${prefix} ${upper}`,
      website: `https://${compact(name)}${random.pick(TLDS)}`,
    });
  }
  return brands;
}

// English plus the commonest question words of a few other market languages, so slugs keep the topic.
const STOP_WORDS = new Set(
  [
    'a an and are best by can do does for from good how i in is it my of on or should the to top use vs what',
    'which who why with would you your',
    'cual cuales el en es la las los mejor mejores para que son un una',
    'das der die ein eine fur ist sind und was welche beste besten',
    'des est la le les meilleur meilleurs pour quel quels quelle sont une',
  ]
    .join(' ')
    .split(' '),
);

/** The prompt's content words, for URL slugs and titles. */
export function topicWords(text: string, max = 5): string[] {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 1 && !STOP_WORDS.has(word));
  return words.slice(0, max);
}

export function slugify(text: string, max = 6): string {
  const slug = topicWords(text, max).join('-');
  return slug === '' ? 'buyers-guide' : slug;
}

export function titleCase(words: readonly string[]): string {
  return words.map((word) => word[0].toUpperCase() + word.slice(1)).join(' ');
}

const FIRST_NAMES = [
  'Maya',
  'Daniel',
  'Priya',
  'Lukas',
  'Sofia',
  'Omar',
  'Hannah',
  'Kenji',
  'Laura',
  'Mateo',
];
const LAST_NAMES = ['Chen', 'Okafor', 'Lindqvist', 'Patel', 'Moreau', 'Alvarez', 'Novak', 'Brennan', 'Sato'];

export function inventPerson(random: Random): string {
  return `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
}
