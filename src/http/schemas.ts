import { z } from 'zod';

export const uuid = z.uuid();
export const timestamp = z.string().meta({ format: 'date-time', example: '2026-01-01T00:00:00.000Z' });
export const nullableTimestamp = timestamp.nullable();

export const booleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');

export const idParams = <K extends string>(...names: K[]) =>
  z.object(Object.fromEntries(names.map((name) => [name, uuid])) as Record<K, typeof uuid>);

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });
const LANGUAGE_BY_KEY = new Map<string, string>();
for (const first of 'abcdefghijklmnopqrstuvwxyz') {
  for (const second of 'abcdefghijklmnopqrstuvwxyz') {
    const code = first + second;
    const name = languageNames.of(code);
    if (name && name !== code) {
      LANGUAGE_BY_KEY.set(code, name);
      LANGUAGE_BY_KEY.set(name.toLowerCase(), name);
    }
  }
}

/** An English language name or an ISO 639-1 code, stored as the English name (`es` → `Spanish`). */
export const language = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .transform((value, context) => {
    const name = LANGUAGE_BY_KEY.get(value.toLowerCase());
    if (name) return name;
    context.addIssue({ code: 'custom', message: 'Use an English language name or an ISO 639-1 code.' });
    return z.NEVER;
  })
  // A transform has no JSON Schema of its own: describe the accepted input for the OpenAPI document.
  .meta({
    type: 'string',
    minLength: 1,
    maxLength: 50,
    description: 'An English language name or an ISO 639-1 code; stored as the English name.',
    example: 'English',
  });

export const httpUrl = z
  .url({ protocol: /^https?$/, hostname: z.regexes.domain })
  .max(2048)
  .meta({ example: 'https://example.com' });

/** Dispatch endpoints take `{}` (or no body at all). */
export const emptyBody = z.strictObject({}).nullish();
