import { z } from 'zod';
import { wholeListSchema } from '../../http/pagination.ts';
import { idParams, timestamp, uuid } from '../../http/schemas.ts';

/** A report holds at most this many prompts (spec §7). */
export const MAX_PROMPTS_PER_REPORT = 50;

const promptText = z.string().trim().min(1).max(1000);
const category = z.string().trim().min(1).max(100);

export const promptSchema = z
  .object({
    id: uuid,
    object: z.literal('report_prompt'),
    report_id: uuid,
    prompt_text: z.string(),
    category: z.string().nullable(),
    created_at: timestamp,
  })
  .meta({ id: 'ReportPrompt' });
export type PromptJson = z.infer<typeof promptSchema>;

const newPrompt = z.strictObject({ prompt_text: promptText, category: category.nullish() });
export type NewPromptInput = z.infer<typeof newPrompt>;

const autoGenerate = z.strictObject({
  count: z.number().int().min(1).max(MAX_PROMPTS_PER_REPORT),
  categories: z.array(category).min(1).max(30).optional(),
});
export type AutoGenerateOptions = z.infer<typeof autoGenerate>;

export const addPromptsBody = z
  .strictObject({
    prompts: z.array(newPrompt).min(1).max(MAX_PROMPTS_PER_REPORT).optional(),
    auto_generate: autoGenerate.optional(),
  })
  .refine((body) => (body.prompts === undefined) !== (body.auto_generate === undefined), {
    message: 'Send exactly one of `prompts` or `auto_generate`.',
  })
  .meta({ id: 'AddReportPrompts' });
export type AddPromptsInput = z.infer<typeof addPromptsBody>;

export const updatePromptBody = z
  .strictObject({ prompt_text: promptText.optional(), category: category.nullish() })
  .meta({ id: 'UpdateReportPrompt' });
export type UpdatePromptInput = z.infer<typeof updatePromptBody>;

export const promptParams = idParams('report_id', 'prompt_id');
export const promptList = wholeListSchema(promptSchema);
