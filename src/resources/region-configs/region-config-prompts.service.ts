import { iso } from '../../clock.ts';
import type { Deps } from '../../deps.ts';
import { ApiError } from '../../http/errors.ts';
import type { Principal } from '../../http/principal.ts';
import * as repo from './region-config-prompts.repo.ts';
import type {
  CreateRegionConfigPromptsInput,
  RegionConfigPromptJson,
  RegionConfigPromptList,
  UpdateRegionConfigPromptInput,
} from './region-config-prompts.schemas.ts';
import { PROMPTS_PER_REGION_CONFIG, requireRegionConfig } from './region-configs.service.ts';

export function presentRegionConfigPrompt(row: repo.RegionConfigPromptRow): RegionConfigPromptJson {
  return {
    id: row.id,
    object: 'region_config_prompt',
    region_config_id: row.regionConfigId,
    prompt_text: row.promptText,
    category: row.category,
    disabled: row.disabled,
    created_at: iso(row.createdAt),
  };
}

async function requirePrompt(
  deps: Deps,
  principal: Principal,
  regionConfigId: string,
  promptId: string,
): Promise<repo.RegionConfigPromptRow> {
  const config = await requireRegionConfig(deps, principal, regionConfigId);
  const prompt = await repo.findPrompt(deps.database.db, config.id, promptId);
  if (!prompt) throw new ApiError('not_found', 'No such prompt on this region config.');
  return prompt;
}

export async function listRegionConfigPrompts(
  deps: Deps,
  principal: Principal,
  regionConfigId: string,
): Promise<RegionConfigPromptList> {
  const config = await requireRegionConfig(deps, principal, regionConfigId);
  const rows = await repo.listPrompts(deps.database.db, config.id);
  return { object: 'list', data: rows.map(presentRegionConfigPrompt) };
}

/** All or nothing: a batch that would pass the cap adds none of its prompts. */
export async function addRegionConfigPrompts(
  deps: Deps,
  principal: Principal,
  regionConfigId: string,
  input: CreateRegionConfigPromptsInput,
): Promise<RegionConfigPromptList> {
  const config = await requireRegionConfig(deps, principal, regionConfigId);
  const now = deps.clock.now();
  const rows = await deps.database.db.transaction(async (tx) => {
    await repo.lockRegionConfig(tx, config.id);
    const existing = await repo.countPrompts(tx, config.id);
    if (existing + input.prompts.length > PROMPTS_PER_REGION_CONFIG) {
      throw new ApiError(
        'conflict',
        `A region config has at most ${PROMPTS_PER_REGION_CONFIG} prompts; it has ${existing}.`,
        { limit: PROMPTS_PER_REGION_CONFIG },
      );
    }
    return repo.insertPrompts(
      tx,
      input.prompts.map((prompt) => ({
        id: deps.newId(),
        regionConfigId: config.id,
        promptText: prompt.prompt_text,
        category: prompt.category ?? null,
        disabled: false,
        createdAt: now,
        updatedAt: now,
      })),
    );
  });
  return { object: 'list', data: rows.map(presentRegionConfigPrompt) };
}

export async function updateRegionConfigPrompt(
  deps: Deps,
  principal: Principal,
  regionConfigId: string,
  promptId: string,
  input: UpdateRegionConfigPromptInput,
): Promise<RegionConfigPromptJson> {
  const prompt = await requirePrompt(deps, principal, regionConfigId, promptId);
  const row = await repo.updatePrompt(deps.database.db, prompt.id, {
    promptText: input.prompt_text,
    category: input.category,
    disabled: input.disabled,
    updatedAt: deps.clock.now(),
  });
  return presentRegionConfigPrompt(row);
}

export async function deleteRegionConfigPrompt(
  deps: Deps,
  principal: Principal,
  regionConfigId: string,
  promptId: string,
): Promise<void> {
  const prompt = await requirePrompt(deps, principal, regionConfigId, promptId);
  await repo.deletePrompt(deps.database.db, prompt.id);
}
