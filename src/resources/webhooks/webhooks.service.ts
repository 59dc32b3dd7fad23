import { iso } from '../../clock.ts';
import { WEBHOOK_EVENTS, type WebhookEvent } from '../../db/schema/index.ts';
import type { Deps } from '../../deps.ts';
import { ApiError } from '../../http/errors.ts';
import { decodeCursor, type Page, toPage } from '../../http/pagination.ts';
import type { Principal } from '../../http/principal.ts';
import { generateWebhookSecret } from '../../work/webhook-signature.ts';
import { requireBrand } from '../brands/brands.service.ts';
import { webhookUrlProblem } from './webhook-url.ts';
import * as repo from './webhooks.repo.ts';
import type {
  CreateWebhookInput,
  ListWebhooksQuery,
  UpdateWebhookInput,
  WebhookJson,
  WebhookWithSecretJson,
} from './webhooks.schemas.ts';

/** Spec §7: at most 5 active webhooks per brand; inactive ones do not count. */
export const MAX_ACTIVE_WEBHOOKS_PER_BRAND = 5;

function isWebhookEvent(value: string): value is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly string[]).includes(value);
}

export function presentWebhook(row: repo.WebhookRow): WebhookJson {
  return {
    id: row.id,
    object: 'webhook',
    brand_id: row.brandId,
    url: row.url,
    events: row.events.filter(isWebhookEvent),
    description: row.description,
    is_active: row.isActive,
    consecutive_failures: row.consecutiveFailures,
    last_success_at: iso(row.lastSuccessAt),
    last_failure_at: iso(row.lastFailureAt),
    disabled_reason: row.disabledReason,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}

function presentWithSecret(row: repo.WebhookRow): WebhookWithSecretJson {
  return { ...presentWebhook(row), secret: row.secret };
}

function notFound(): ApiError {
  return new ApiError('not_found', 'No such webhook.');
}

function blankToNull(description: string | null | undefined): string | null | undefined {
  return description === '' ? null : description;
}

/** Refuses URLs outside the allowed address space with the same shape as a schema error on `url`. */
async function assertDeliverableUrl(deps: Deps, url: string): Promise<void> {
  const problem = await webhookUrlProblem(url, deps.config.webhookAllowPrivateUrls);
  if (problem) {
    throw new ApiError('body_validation_error', 'The webhook URL is not allowed.', {
      errors: [{ loc: ['body', 'url'], msg: problem, type: 'url' }],
    });
  }
}

function assertUnderCap(active: number): void {
  if (active >= MAX_ACTIVE_WEBHOOKS_PER_BRAND) {
    throw new ApiError(
      'conflict',
      `A brand can have at most ${MAX_ACTIVE_WEBHOOKS_PER_BRAND} active webhooks; deactivate or delete one first.`,
      { limit: MAX_ACTIVE_WEBHOOKS_PER_BRAND },
    );
  }
}

async function requireWebhook(
  deps: Deps,
  principal: Principal,
  brandId: string,
  webhookId: string,
): Promise<repo.WebhookRow> {
  await requireBrand(deps, principal, brandId);
  const row = await repo.findWebhook(deps.database.db, brandId, webhookId);
  if (!row) throw notFound();
  return row;
}

export async function listWebhooks(
  deps: Deps,
  principal: Principal,
  brandId: string,
  query: ListWebhooksQuery,
): Promise<Page<WebhookJson>> {
  await requireBrand(deps, principal, brandId);
  const rows = await repo.listWebhooks(deps.database.db, brandId, {
    limit: query.limit,
    afterId: decodeCursor(query.cursor),
    isActive: query.is_active,
  });
  return toPage(rows, query.limit, presentWebhook);
}

export async function createWebhook(
  deps: Deps,
  principal: Principal,
  brandId: string,
  input: CreateWebhookInput,
): Promise<WebhookWithSecretJson> {
  await requireBrand(deps, principal, brandId);
  await assertDeliverableUrl(deps, input.url);
  const row = await deps.database.db.transaction(async (tx) => {
    await repo.lockBrand(tx, brandId);
    assertUnderCap(await repo.countActiveWebhooks(tx, brandId));
    const now = deps.clock.now();
    return repo.insertWebhook(tx, {
      id: deps.newId(),
      brandId,
      url: input.url,
      events: input.events,
      description: blankToNull(input.description) ?? null,
      secret: generateWebhookSecret(),
      isActive: true,
      consecutiveFailures: 0,
      createdAt: now,
      updatedAt: now,
    });
  });
  return presentWithSecret(row);
}

export async function getWebhook(
  deps: Deps,
  principal: Principal,
  brandId: string,
  webhookId: string,
): Promise<WebhookJson> {
  return presentWebhook(await requireWebhook(deps, principal, brandId, webhookId));
}

export async function updateWebhook(
  deps: Deps,
  principal: Principal,
  brandId: string,
  webhookId: string,
  input: UpdateWebhookInput,
): Promise<WebhookJson> {
  await requireWebhook(deps, principal, brandId, webhookId);
  if (input.url !== undefined) await assertDeliverableUrl(deps, input.url);
  const row = await deps.database.db.transaction(async (tx) => {
    await repo.lockBrand(tx, brandId);
    const current = await repo.findWebhook(tx, brandId, webhookId, { forUpdate: true });
    if (!current) throw notFound();
    const reactivating = input.is_active === true && !current.isActive;
    if (reactivating) assertUnderCap(await repo.countActiveWebhooks(tx, brandId, current.id));
    return repo.updateWebhook(tx, current.id, {
      url: input.url,
      events: input.events,
      description: blankToNull(input.description),
      isActive: input.is_active,
      // A re-activated endpoint starts a fresh run: the failures that disabled it are history.
      ...(reactivating ? { disabledReason: null, consecutiveFailures: 0 } : {}),
      updatedAt: deps.clock.now(),
    });
  });
  return presentWebhook(row);
}

export async function deleteWebhook(
  deps: Deps,
  principal: Principal,
  brandId: string,
  webhookId: string,
): Promise<void> {
  const row = await requireWebhook(deps, principal, brandId, webhookId);
  await repo.deleteWebhook(deps.database.db, row.id);
}

/** A new secret takes effect at once: the next delivery is signed with it alone. */
export async function rotateWebhookSecret(
  deps: Deps,
  principal: Principal,
  brandId: string,
  webhookId: string,
): Promise<WebhookWithSecretJson> {
  const current = await requireWebhook(deps, principal, brandId, webhookId);
  const row = await repo.updateWebhook(deps.database.db, current.id, {
    secret: generateWebhookSecret(),
    updatedAt: deps.clock.now(),
  });
  return presentWithSecret(row);
}
