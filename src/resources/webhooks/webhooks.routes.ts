import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/route-config.ts';
import { emptyBody } from '../../http/schemas.ts';
import { DISABLE_AFTER_CONSECUTIVE_FAILURES } from '../../work/webhook-delivery.ts';
import { brandParams } from '../brands/brands.schemas.ts';
import {
  createWebhookBody,
  listWebhooksQuery,
  updateWebhookBody,
  webhookPage,
  webhookParams,
  webhookSchema,
  webhookWithSecretSchema,
} from './webhooks.schemas.ts';
import * as service from './webhooks.service.ts';

const tags = ['Webhooks'];
const DELIVERY =
  'Each event is POSTed as `{ id, type, api_version, created_at, data }` with the headers ' +
  '`X-Sightline-Event`, `X-Sightline-Event-Id` and `X-Sightline-Signature: t=<unix>,v1=<hex HMAC-SHA256 ' +
  'of "<t>.<body>">`. Delivery is at least once (deduplicate on the event id), retried with backoff; ' +
  `an endpoint is disabled after ${DISABLE_AFTER_CONSECUTIVE_FAILURES} consecutive failed attempts.`;

export const webhookRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/v1/brands/:brand_id/webhooks', {
    schema: {
      operationId: 'listWebhooks',
      summary: "List a brand's webhooks",
      tags,
      params: brandParams,
      querystring: listWebhooksQuery,
      response: { 200: webhookPage },
    },
    config: { scope: 'read:webhooks', errors: ['not_found', 'brand_not_authorized'] },
    handler: (request) =>
      service.listWebhooks(deps, principalOf(request), request.params.brand_id, request.query),
  });
  app.post('/v1/brands/:brand_id/webhooks', {
    schema: {
      operationId: 'createWebhook',
      summary: 'Create a webhook',
      description:
        'The response is the only time the signing `secret` is shown. ' +
        `At most ${service.MAX_ACTIVE_WEBHOOKS_PER_BRAND} active webhooks per brand. ${DELIVERY}`,
      tags,
      params: brandParams,
      body: createWebhookBody,
      response: { 201: webhookWithSecretSchema },
    },
    config: { scope: 'write:webhooks', errors: ['not_found', 'brand_not_authorized', 'conflict'] },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(await service.createWebhook(deps, principalOf(request), request.params.brand_id, request.body)),
  });
  app.get('/v1/brands/:brand_id/webhooks/:webhook_id', {
    schema: {
      operationId: 'getWebhook',
      summary: 'Get a webhook',
      tags,
      params: webhookParams,
      response: { 200: webhookSchema },
    },
    config: { scope: 'read:webhooks', errors: ['not_found', 'brand_not_authorized'] },
    handler: (request) =>
      service.getWebhook(deps, principalOf(request), request.params.brand_id, request.params.webhook_id),
  });
  app.patch('/v1/brands/:brand_id/webhooks/:webhook_id', {
    schema: {
      operationId: 'updateWebhook',
      summary: 'Update a webhook',
      description:
        'Setting `is_active` to true on an inactive webhook re-activates it and clears ' +
        '`disabled_reason` and `consecutive_failures`.',
      tags,
      params: webhookParams,
      body: updateWebhookBody,
      response: { 200: webhookSchema },
    },
    config: { scope: 'write:webhooks', errors: ['not_found', 'brand_not_authorized', 'conflict'] },
    handler: (request) =>
      service.updateWebhook(
        deps,
        principalOf(request),
        request.params.brand_id,
        request.params.webhook_id,
        request.body,
      ),
  });
  app.delete('/v1/brands/:brand_id/webhooks/:webhook_id', {
    schema: {
      operationId: 'deleteWebhook',
      summary: 'Delete a webhook and its pending deliveries',
      tags,
      params: webhookParams,
      response: { 204: z.null().describe('Deleted') },
    },
    config: { scope: 'write:webhooks', errors: ['not_found', 'brand_not_authorized'] },
    handler: async (request, reply) => {
      const { brand_id, webhook_id } = request.params;
      await service.deleteWebhook(deps, principalOf(request), brand_id, webhook_id);
      return reply.code(204).send(null);
    },
  });
  app.post('/v1/brands/:brand_id/webhooks/:webhook_id/rotations', {
    schema: {
      operationId: 'rotateWebhookSecret',
      summary: "Rotate a webhook's signing secret",
      description:
        'Creates a rotation: 201 with the webhook and its new `secret`. The old secret stops signing at ' +
        'once; the next delivery, retries of earlier events included, is signed with the new one.',
      tags,
      params: webhookParams,
      body: emptyBody,
      response: { 201: webhookWithSecretSchema },
    },
    config: { scope: 'write:webhooks', errors: ['not_found', 'brand_not_authorized'] },
    handler: async (request, reply) => {
      const { brand_id, webhook_id } = request.params;
      return reply
        .code(201)
        .send(await service.rotateWebhookSecret(deps, principalOf(request), brand_id, webhook_id));
    },
  });
};
