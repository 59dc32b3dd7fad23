import { z } from 'zod';
import { pageSchema, paginationQuery } from '../../http/pagination.ts';
import { httpUrl, language, timestamp, uuid } from '../../http/schemas.ts';

const name = z.string().trim().min(1).max(80);
const aliases = z.array(z.string().trim().min(1).max(80)).max(50);
const categories = z.array(z.string().trim().min(1).max(100)).max(30);
const country = z.string().trim().min(1).max(100);
const summary = z.string().max(5000);

export const brandSchema = z
  .object({
    id: uuid,
    object: z.literal('brand'),
    name: z.string(),
    website: z.string(),
    brand_aliases: z.array(z.string()),
    categories: z.array(z.string()),
    country: z.string().nullable(),
    language: z.string().nullable(),
    brand_info_summary: z.string().nullable(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'Brand' });
export type BrandJson = z.infer<typeof brandSchema>;

export const createBrandBody = z
  .strictObject({
    name,
    website: httpUrl,
    brand_aliases: aliases.default([]),
    categories: categories.default([]),
    country: country.nullish(),
    language: language.nullish(),
    brand_info_summary: summary.nullish(),
  })
  .meta({ id: 'CreateBrand' });
export type CreateBrandInput = z.infer<typeof createBrandBody>;

export const updateBrandBody = z
  .strictObject({
    name: name.optional(),
    website: httpUrl.optional(),
    brand_aliases: aliases.optional(),
    categories: categories.optional(),
    country: country.nullish(),
    language: language.nullish(),
    brand_info_summary: summary.nullish(),
  })
  .meta({ id: 'UpdateBrand' });
export type UpdateBrandInput = z.infer<typeof updateBrandBody>;

export const brandParams = z.object({ brand_id: uuid });
export const listBrandsQuery = z.object({ ...paginationQuery, search: z.string().max(200).optional() });
export type ListBrandsQuery = z.infer<typeof listBrandsQuery>;
export const brandPage = pageSchema(brandSchema);
