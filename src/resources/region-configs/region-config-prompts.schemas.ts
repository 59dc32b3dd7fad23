import { z } from 'zod';
import { wholeListSchema } from '../../http/pagination.ts';
import { idParams, timestamp, uuid } from '../../http/schemas.ts';

const promptText = z.string().trim().min(1).max(1000);
const category = z.string().trim().min(1).max(100);

export const regionConfigPromptSchema = z
  .object({
    id: uuid,
    object: z.literal('region_config_prompt'),
    region_config_id: uuid,
    prompt_text: z.string(),
    category: z.string().nullable(),
    disabled: z.boolean(),
    created_at: timestamp,
  })
  .meta({ id: 'RegionConfigPrompt' });
export type RegionConfigPromptJson = z.infer<typeof regionConfigPromptSchema>;

export const createRegionConfigPromptsBody = z
  .strictObject({
    prompts: z
      .array(z.strictObject({ prompt_text: promptText, category: category.nullish() }))
      .min(1)
      .max(50),
  })
  .meta({ id: 'CreateRegionConfigPrompts' });
export type CreateRegionConfigPromptsInput = z.infer<typeof createRegionConfigPromptsBody>;

export const updateRegionConfigPromptBody = z
  .strictObject({
    prompt_text: promptText.optional(),
    category: category.nullish(),
    disabled: z.boolean().optional().describe('A disabled prompt stays on the config but is not asked.'),
  })
  .meta({ id: 'UpdateRegionConfigPrompt' });
export type UpdateRegionConfigPromptInput = z.infer<typeof updateRegionConfigPromptBody>;

export const regionConfigPromptParams = idParams('region_config_id', 'prompt_id');
export const regionConfigPromptList = wholeListSchema(regionConfigPromptSchema);
export type RegionConfigPromptList = z.infer<typeof regionConfigPromptList>;
