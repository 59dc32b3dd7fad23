import { z } from 'zod';
import { WEBHOOK_EVENTS } from '../../db/schema/index.ts';
import { pageSchema, paginationQuery } from '../../http/pagination.ts';
import { booleanQuery, nullableTimestamp, timestamp, uuid } from '../../http/schemas.ts';

// IP literals are valid here (unlike a brand's website); whether the address is allowed is the
// service's decision, because it depends on configuration and on DNS.
const url = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .meta({ example: 'https://example.com/hooks/sightline' });
const eventType = z.enum(WEBHOOK_EVENTS);
const events = z
  .array(eventType)
  .min(1)
  .max(10)
  .refine((list) => new Set(list).size === list.length, { message: 'Events must be distinct.' });
const description = z.string().trim().max(500);

export const webhookSchema = z
  .object({
    id: uuid,
    object: z.literal('webhook'),
    brand_id: uuid,
    url: z.string(),
    events: z.array(eventType),
    description: z.string().nullable(),
    is_active: z.boolean(),
    consecutive_failures: z.number().int(),
    last_success_at: nullableTimestamp,
    last_failure_at: nullableTimestamp,
    disabled_reason: z.string().nullable(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'Webhook' });
export type WebhookJson = z.infer<typeof webhookSchema>;

export const webhookWithSecretSchema = webhookSchema
  .extend({
    secret: z
      .string()
      .describe('The signing secret. Shown only in the responses of creation and rotation: store it then.'),
  })
  .meta({ id: 'WebhookWithSecret' });
export type WebhookWithSecretJson = z.infer<typeof webhookWithSecretSchema>;

export const createWebhookBody = z
  .strictObject({ url, events, description: description.nullish() })
  .meta({ id: 'CreateWebhook' });
export type CreateWebhookInput = z.infer<typeof createWebhookBody>;

export const updateWebhookBody = z
  .strictObject({
    url: url.optional(),
    events: events.optional(),
    description: description.nullish(),
    is_active: z.boolean().optional(),
  })
  .meta({ id: 'UpdateWebhook' });
export type UpdateWebhookInput = z.infer<typeof updateWebhookBody>;

export const webhookParams = z.object({ brand_id: uuid, webhook_id: uuid });
export const listWebhooksQuery = z.object({ ...paginationQuery, is_active: booleanQuery.optional() });
export type ListWebhooksQuery = z.infer<typeof listWebhooksQuery>;
export const webhookPage = pageSchema(webhookSchema);
