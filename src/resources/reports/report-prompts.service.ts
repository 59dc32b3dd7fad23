import type { Executor } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { ApiError } from '../../http/errors.ts';
import type { Principal } from '../../http/principal.ts';
import { autoGeneratePrompts } from './prompt-generation.service.ts';
import * as repo from './report-prompts.repo.ts';
import {
  type AddPromptsInput,
  type AutoGenerateOptions,
  MAX_PROMPTS_PER_REPORT,
  type NewPromptInput,
  type PromptJson,
  type UpdatePromptInput,
} from './report-prompts.schemas.ts';
import { presentPrompt } from './reports.presenters.ts';
import type { ReportRow, ReportStatus } from './reports.repo.ts';
import { requireReport } from './reports.service.ts';

interface PromptList {
  object: 'list';
  data: PromptJson[];
}

const toList = (rows: repo.PromptRow[]): PromptList => ({ object: 'list', data: rows.map(presentPrompt) });

/** Prompts change only before a run or after a failed one (spec §7). */
function assertPromptsEditable(status: ReportStatus): void {
  if (status !== 'draft' && status !== 'failed') {
    throw new ApiError(
      'report_not_modifiable',
      `Prompts can be changed only on a draft or failed report; this one is ${status}.`,
      { status },
    );
  }
}

function assertRoomFor(existing: number, adding: number): void {
  if (existing + adding > MAX_PROMPTS_PER_REPORT) {
    throw new ApiError(
      'conflict',
      `A report holds at most ${MAX_PROMPTS_PER_REPORT} prompts; it has ${existing}, ${adding} more would exceed that.`,
      { limit: MAX_PROMPTS_PER_REPORT },
    );
  }
}

/** Runs `change` with the report row locked and its state re-checked, so a run dispatched meanwhile wins. */
async function withEditableReport<T>(
  deps: Deps,
  reportId: string,
  change: (tx: Executor) => Promise<T>,
): Promise<T> {
  return deps.database.db.transaction(async (tx) => {
    const status = await repo.lockReportStatus(tx, reportId);
    if (status === undefined) throw new ApiError('not_found', 'No such report.');
    assertPromptsEditable(status);
    return change(tx);
  });
}

async function requirePrompt(
  deps: Deps,
  principal: Principal,
  reportId: string,
  promptId: string,
): Promise<repo.PromptRow> {
  const report = await requireReport(deps, principal, reportId);
  const prompt = await repo.findPrompt(deps.database.db, report.id, promptId);
  if (!prompt) throw new ApiError('not_found', 'No such prompt on this report.');
  return prompt;
}

async function generatePrompts(
  deps: Deps,
  principal: Principal,
  report: ReportRow,
  options: AutoGenerateOptions,
): Promise<NewPromptInput[]> {
  // Checked before the LLM work so a doomed request costs nothing; checked again under lock on insert.
  assertPromptsEditable(report.status);
  assertRoomFor(await repo.countPrompts(deps.database.db, report.id), options.count);
  if (!(await repo.hasBrandFacts(deps.database.db, report.brandId))) {
    throw new ApiError('brand_facts_required');
  }
  return autoGeneratePrompts(deps, principal, report, options);
}

export async function listPrompts(deps: Deps, principal: Principal, reportId: string): Promise<PromptList> {
  const report = await requireReport(deps, principal, reportId);
  return toList(await repo.listPrompts(deps.database.db, report.id));
}

export async function addPrompts(
  deps: Deps,
  principal: Principal,
  reportId: string,
  input: AddPromptsInput,
): Promise<PromptList> {
  const report = await requireReport(deps, principal, reportId);
  const { auto_generate: auto, prompts = [] } = input;
  const adding = auto ? await generatePrompts(deps, principal, report, auto) : prompts;
  const now = deps.clock.now();
  const rows = await withEditableReport(deps, report.id, async (tx) => {
    assertRoomFor(await repo.countPrompts(tx, report.id), adding.length);
    return repo.insertPrompts(
      tx,
      adding.map((prompt) => ({
        id: deps.newId(),
        reportId: report.id,
        promptText: prompt.prompt_text,
        category: prompt.category ?? null,
        createdAt: now,
        updatedAt: now,
      })),
    );
  });
  return toList(rows);
}

export async function updatePrompt(
  deps: Deps,
  principal: Principal,
  ids: { report_id: string; prompt_id: string },
  input: UpdatePromptInput,
): Promise<PromptJson> {
  const prompt = await requirePrompt(deps, principal, ids.report_id, ids.prompt_id);
  const row = await withEditableReport(deps, prompt.reportId, (tx) =>
    repo.updatePrompt(tx, prompt.id, {
      promptText: input.prompt_text,
      category: input.category,
      updatedAt: deps.clock.now(),
    }),
  );
  if (!row) throw new ApiError('not_found', 'No such prompt on this report.');
  return presentPrompt(row);
}

export async function deletePrompt(
  deps: Deps,
  principal: Principal,
  ids: { report_id: string; prompt_id: string },
): Promise<void> {
  const prompt = await requirePrompt(deps, principal, ids.report_id, ids.prompt_id);
  await withEditableReport(deps, prompt.reportId, (tx) => repo.deletePrompt(tx, prompt.id));
}
