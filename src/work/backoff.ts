export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** Uniform in [0, 1), as Math.random; injected so tests are exact. */
  random: () => number;
}

/**
 * "Full jitter": a delay drawn uniformly from [0, min(maxMs, baseMs × 2^(attempt−1))), so retries of
 * many workers spread out instead of arriving together. `attempt` is 1 for the first retry.
 */
export function backoffDelayMs(attempt: number, { baseMs, maxMs, random }: BackoffOptions): number {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`attempt must be an integer >= 1, got ${attempt}`);
  }
  const ceiling = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  const draw = Math.min(Math.max(random(), 0), 1);
  return Math.min(Math.floor(draw * ceiling), ceiling);
}

const DELAY_SECONDS = /^\d+(?:\.\d+)?$/;
// RFC 9110 HTTP-date: IMF-fixdate, the obsolete RFC 850 form, and asctime. Only these shapes go to
// Date.parse, which would otherwise read "5" as a year.
const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC850_DATE = /^[A-Z][a-z]+, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME_DATE = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

function parseHttpDate(value: string): number | null {
  let text: string;
  if (IMF_FIXDATE.test(value) || RFC850_DATE.test(value)) text = value;
  // asctime carries no zone but is defined as UTC; without the suffix Date.parse reads local time.
  else if (ASCTIME_DATE.test(value)) text = `${value} GMT`;
  else return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * Milliseconds to wait from a `Retry-After` header: delay-seconds or an HTTP-date (a date in the past
 * means no wait). Null when the header is absent or not in either form.
 */
export function retryAfterMs(headerValue: string | null | undefined, now: Date): number | null {
  if (headerValue === null || headerValue === undefined) return null;
  const value = headerValue.trim();
  if (value === '') return null;
  if (DELAY_SECONDS.test(value)) return Math.round(Number(value) * 1000);
  const at = parseHttpDate(value);
  if (at === null) return null;
  return Math.max(0, at - now.getTime());
}
