import { z } from 'zod';
import { wholeListSchema } from '../../http/pagination.ts';
import { uuid } from '../../http/schemas.ts';

export const aliasSuggestionSchema = z
  .object({
    object: z.literal('alias_suggestion'),
    business_name: z.string(),
    confidence: z.number().int().min(0).max(100),
    occurrences: z.number().int(),
    signals: z.array(z.string()),
  })
  .meta({ id: 'AliasSuggestion' });
export type AliasSuggestionJson = z.infer<typeof aliasSuggestionSchema>;

export const aliasSuggestionList = wholeListSchema(aliasSuggestionSchema);

/** The name as a path segment (percent-encoded by the client); spacing runs collapse to one space. */
const businessName = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .transform((name) => name.replace(/\s+/g, ' '))
  .meta({ example: 'Acme-CRM' });

export const aliasSuggestionParams = z.object({ brand_id: uuid, business_name: businessName });

// `{}` or no body at all; the shared `emptyBody` is `.optional()`, which refuses the null that Fastify
// passes to the validator for a request without a body.
export const acceptAliasBody = z.strictObject({}).nullish();
