import { z } from 'zod';
import { httpUrl, timestamp, uuid } from '../../http/schemas.ts';

export const RESEARCH_STATUSES = ['complete', 'partial', 'not_found'] as const;

const namedEntry = z.object({ name: z.string(), description: z.string().nullable() });

export const brandFactsSchema = z
  .object({
    brand_id: uuid,
    object: z.literal('brand_facts'),
    description: z.string().nullable(),
    tagline: z.string().nullable(),
    mission_statement: z.string().nullable(),
    value_proposition: z.string().nullable(),
    industry: z.string().nullable(),
    company_size: z.string().nullable(),
    founded_year: z.number().int().nullable(),
    headquarters: z.string().nullable(),
    key_facts: z.array(z.string()),
    key_people: z.array(z.object({ name: z.string(), role: z.string().nullable() })),
    products: z.array(namedEntry),
    services: z.array(namedEntry),
    competitors: z.array(
      z.object({ name: z.string(), website: z.string().nullable(), aliases: z.array(z.string()) }),
    ),
    research_status: z.enum(RESEARCH_STATUSES).nullable(),
    updated_at: timestamp,
  })
  .meta({ id: 'BrandFacts' });
export type BrandFactsJson = z.infer<typeof brandFactsSchema>;

/** Free text: trimmed; a blank value clears the field, exactly as null does. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => (value === '' ? null : value))
    .nullish();
const entryName = z.string().trim().min(1).max(200);

/** A list field: sent lists replace the stored one whole; null clears it to `[]`. */
const list = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .nullish()
    .transform((value) => (value === null ? [] : value));

const namedEntryInput = z.strictObject({ name: entryName, description: text(1000) });

export const updateBrandFactsBody = z
  .strictObject({
    description: text(5000),
    tagline: text(300),
    mission_statement: text(2000),
    value_proposition: text(2000),
    industry: text(200),
    company_size: text(100),
    founded_year: z.number().int().min(1800).max(2100).nullish(),
    headquarters: text(200),
    key_facts: list(z.string().trim().min(1).max(500), 20),
    key_people: list(z.strictObject({ name: entryName, role: text(200) }), 10),
    products: list(namedEntryInput, 10),
    services: list(namedEntryInput, 10),
    competitors: list(
      z.strictObject({
        name: z.string().trim().min(1).max(80),
        website: httpUrl.nullish(),
        aliases: z.array(z.string().trim().min(1).max(80)).max(20).default([]),
      }),
      20,
    ),
  })
  .meta({ id: 'UpdateBrandFacts' });
export type UpdateBrandFactsInput = z.infer<typeof updateBrandFactsBody>;
