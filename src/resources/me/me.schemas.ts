import { z } from 'zod';
import { uuid } from '../../http/schemas.ts';

export const meSchema = z
  .object({
    object: z.literal('me'),
    account_id: uuid,
    auth_type: z.literal('api_key'),
    mode: z.enum(['live', 'test']),
    key_prefix: z.string().optional().describe('Only for keys with the `read:meta` scope.'),
    scopes: z.array(z.string()).optional().describe('Only for keys with the `read:meta` scope.'),
    allowed_brand_id: uuid.nullable(),
  })
  .meta({ id: 'Me' });
export type MeJson = z.infer<typeof meSchema>;
