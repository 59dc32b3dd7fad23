import { z } from 'zod';
import { PLATFORMS } from '../../engines/types.ts';
import { pageSchema } from '../../http/pagination.ts';
import { idParams, language, timestamp, uuid } from '../../http/schemas.ts';
import { brandListQuery, runStateFields } from '../scheduled-reports/brand-scoped.schemas.ts';

const name = z.string().trim().min(1).max(200);
const country = z.string().trim().min(1).max(100);
const location = z.string().trim().min(1).max(200);
const platform = z.enum(PLATFORMS);
const aiPlatforms = z
  .array(platform)
  .min(1)
  .max(10)
  .refine((platforms) => new Set(platforms).size === platforms.length, 'List each platform once.')
  .meta({ uniqueItems: true });
const samples = z.number().int().min(1).max(5).describe('How many times each platform is asked each prompt.');

export const regionConfigSchema = z
  .object({
    id: uuid,
    object: z.literal('region_config'),
    brand_id: uuid,
    scheduled_report_id: uuid,
    name: z.string(),
    country: z.string(),
    language: z.string(),
    location: z.string().nullable(),
    ai_platforms: z.array(platform),
    samples: z.number().int(),
    is_active: z.boolean(),
    prompts_count: z
      .number()
      .int()
      .describe('All prompts of the config, disabled ones included (executions skip those).'),
    source_report_id: uuid.nullable(),
    ...runStateFields,
    created_at: timestamp,
  })
  .meta({ id: 'RegionConfig' });
export type RegionConfigJson = z.infer<typeof regionConfigSchema>;

export const createRegionConfigBody = z
  .strictObject({
    brand_id: uuid,
    scheduled_report_id: uuid,
    name,
    country,
    language: language.default('English'),
    location: location.nullish(),
    ai_platforms: aiPlatforms,
    samples: samples.default(1),
    is_active: z.boolean().default(true),
    source_report_id: uuid
      .nullish()
      .describe("A report of the same brand whose prompts (up to 50) seed the config's prompts."),
  })
  .meta({ id: 'CreateRegionConfig' });
export type CreateRegionConfigInput = z.infer<typeof createRegionConfigBody>;

export const updateRegionConfigBody = z
  .strictObject({
    name: name.optional(),
    country: country.optional(),
    language: language.optional(),
    location: location.nullish(),
    ai_platforms: aiPlatforms.optional(),
    samples: samples.optional(),
    is_active: z.boolean().optional(),
  })
  .meta({ id: 'UpdateRegionConfig' });
export type UpdateRegionConfigInput = z.infer<typeof updateRegionConfigBody>;

export const regionConfigParams = idParams('region_config_id');
export const listRegionConfigsQuery = z.object(brandListQuery);
export type ListRegionConfigsQuery = z.infer<typeof listRegionConfigsQuery>;
export const regionConfigPage = pageSchema(regionConfigSchema);
