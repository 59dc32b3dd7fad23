/** A percentage range, 0–100, rounded to one decimal. */
export interface Interval {
  low: number;
  high: number;
}

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/**
 * The Wilson score interval for a proportion, as percentages (default z = 1.96, 95%).
 *
 * With no observations (n = 0) the rate could be anything, so the interval is the whole range
 * `{ low: 0, high: 100 }`; the matching rate is reported as null. Successes are clamped to 0…n.
 */
export function wilsonInterval(successes: number, n: number, z = 1.96): Interval {
  if (!(n > 0)) return { low: 0, high: 100 };
  const hits = Math.min(Math.max(successes, 0), n);
  const proportion = hits / n;
  const zSquared = z * z;
  const denominator = 1 + zSquared / n;
  const centre = (proportion + zSquared / (2 * n)) / denominator;
  const margin = (z * Math.sqrt((proportion * (1 - proportion)) / n + zSquared / (4 * n * n))) / denominator;
  const low = hits === 0 ? 0 : Math.max(0, centre - margin);
  const high = hits === n ? 1 : Math.min(1, centre + margin);
  return { low: roundTo(low * 100, 1), high: roundTo(high * 100, 1) };
}

/** 100 × successes ÷ n, rounded to one decimal; null when n = 0. */
export function percentage(successes: number, n: number): number | null {
  return n > 0 ? roundTo((100 * successes) / n, 1) : null;
}
