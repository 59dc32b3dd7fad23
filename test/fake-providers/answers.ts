// Content the fake providers answer with: plausible enough for the analysis pipeline downstream.

export interface FakeSource {
  url: string;
  title: string;
  domain: string;
}

export const FAKE_SOURCES: FakeSource[] = [
  {
    url: 'https://www.example-reviews.com/best-tools',
    title: 'The best tools of the year – Example Reviews',
    domain: 'example-reviews.com',
  },
  {
    url: 'https://news.example.org/industry-roundup',
    title: 'Industry roundup – Example News',
    domain: 'example.org',
  },
];

export const FAKE_COMPETITORS = ['Globex', 'Initech'];

const NOT_BRANDS = new Set(
  'what which who how is are can could should would will the a an best top i in on for of to and or with vs versus compare why where when does do tell list give recommend find me my our we you your good great cheap affordable'.split(
    ' ',
  ),
);

/** Capitalised names in the prompt that are not sentence openers or question words. */
export function brandsIn(prompt: string): string[] {
  const found: string[] = [];
  for (const match of prompt.matchAll(/\b[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*/g)) {
    const words = match[0].split(/\s+/).filter((word) => !NOT_BRANDS.has(word.toLowerCase()));
    const name = words.join(' ').replace(/[.?!,]+$/, '');
    if (name.length > 1 && !found.includes(name)) found.push(name);
  }
  return found;
}

/** A ranked list naming the prompt's brand first (when it names one) and two fixed competitors. */
export function answerText(prompt: string): string {
  const brands = [...brandsIn(prompt).slice(0, 1), ...FAKE_COMPETITORS];
  const lines = brands.map(
    (brand, index) =>
      `${index + 1}. **${brand}** – ${index === 0 ? 'widely recommended' : 'a solid alternative'}.`,
  );
  return [`Here are options worth considering for "${prompt}":`, '', ...lines].join('\n');
}
