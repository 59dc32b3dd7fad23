import { z } from 'zod';
import { DOMAIN_CATEGORIES } from '../../analysis/domains.ts';
import { pageSchema, paginationQuery, wholeListSchema } from '../../http/pagination.ts';
import { idParams, timestamp, uuid } from '../../http/schemas.ts';

const platformCounts = z
  .record(z.string(), z.number().int())
  .describe('Occurrences per platform, keys sorted.')
  .meta({ example: { chatgpt: 3, perplexity: 1 } });
const domainCategory = z.enum(DOMAIN_CATEGORIES);

export const citationSchema = z
  .object({
    id: uuid,
    object: z.literal('citation'),
    brand_id: uuid,
    url: z.string(),
    domain: z.string(),
    title: z.string().nullable(),
    owned: z.boolean(),
    domain_category: domainCategory,
    count: z.number().int().describe('Answers that cited the URL (within `report_id` when filtered).'),
    platforms: platformCounts,
    first_seen_at: timestamp,
    last_seen_at: timestamp,
  })
  .meta({ id: 'Citation' });
export type CitationJson = z.infer<typeof citationSchema>;

export const citationDetailSchema = citationSchema
  .extend({ reports: z.array(uuid).describe('Reports whose answers cited the URL, newest first.') })
  .meta({ id: 'CitationDetail' });
export type CitationDetailJson = z.infer<typeof citationDetailSchema>;

export const citationDomainSchema = z
  .object({
    object: z.literal('citation_domain'),
    domain: z.string(),
    domain_category: domainCategory,
    owned: z.boolean(),
    count: z.number().int().describe('Citations of any URL on the domain (one per answer and URL).'),
    urls: z.number().int().describe('Distinct URLs cited on the domain; list them with `?domain=`.'),
    platforms: platformCounts,
  })
  .meta({ id: 'CitationDomain' });
export type CitationDomainJson = z.infer<typeof citationDomainSchema>;

const filters = {
  report_id: uuid.optional(),
  domain: z
    .string()
    .trim()
    .min(1)
    .max(253)
    .optional()
    .describe('Exact host, case-insensitive; a leading `www.` or a full URL is reduced to its host.'),
  domain_category: domainCategory.optional(),
};

export const listCitationsQuery = z.object({ ...paginationQuery, ...filters });
export type ListCitationsQuery = z.infer<typeof listCitationsQuery>;

export const citationDomainsQuery = z.object({
  ...filters,
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe('How many domains, top first.'),
});
export type CitationDomainsQuery = z.infer<typeof citationDomainsQuery>;

export const citationPage = pageSchema(citationSchema);
export const citationDomainList = wholeListSchema(citationDomainSchema);
export const citationParams = idParams('citation_id');
