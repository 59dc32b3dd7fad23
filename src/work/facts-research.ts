import type { Deps } from '../deps.ts';
import { ProviderCallError } from '../engines/outbound.ts';
import type { ResearchedFacts } from '../engines/research.ts';
import { researchBrandFacts } from '../engines/research.ts';
import { sandboxBrandFacts } from '../engines/sandbox-facts.ts';
import { upsertFacts } from '../resources/brand-facts/brand-facts.repo.ts';
import { backoffDelayMs } from './backoff.ts';
import { finishJob, type JobRow, releaseJob } from './jobs.repo.ts';
import { findBrandById } from './work.repo.ts';

/** Research reads the brand's website and asks an LLM (or the sandbox, for test keys) for the facts. */
export async function runFactsResearch(deps: Deps, job: JobRow, signal: AbortSignal): Promise<void> {
  const db = deps.database.db;
  const brand = job.brandId ? await findBrandById(db, job.brandId) : undefined;
  if (!brand) {
    await finishJob(db, job.id, {
      status: 'cancelled',
      now: deps.clock.now(),
      message: 'The brand was deleted.',
    });
    return;
  }
  let facts: ResearchedFacts;
  try {
    facts =
      job.mode === 'test'
        ? sandboxBrandFacts({ name: brand.name, website: brand.website, categories: brand.categories })
        : await researchBrandFacts({
            brand: { name: brand.name, website: brand.website },
            settings: deps.config.providers,
            outbound: deps.engines.outbound,
            signal,
          });
  } catch (error) {
    if (signal.aborted) throw error;
    const now = deps.clock.now();
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ProviderCallError && error.retryable && job.attempts < job.maxAttempts) {
      const wait = Math.max(
        backoffDelayMs(job.attempts, { baseMs: 5000, maxMs: 300_000, random: Math.random }),
        error.retryAfterMs ?? 0,
      );
      await releaseJob(db, job.id, new Date(now.getTime() + wait), now, `Retrying: ${message}`);
      return;
    }
    const code = error instanceof ProviderCallError ? error.code : 'research_failed';
    await finishJob(db, job.id, { status: 'failed', now, error: { code, message }, message });
    return;
  }
  await db.transaction(async (tx) => {
    const now = deps.clock.now();
    await upsertFacts(tx, brand.id, {
      description: facts.description,
      tagline: facts.tagline,
      missionStatement: facts.mission_statement,
      valueProposition: facts.value_proposition,
      industry: facts.industry,
      companySize: facts.company_size,
      foundedYear: facts.founded_year,
      headquarters: facts.headquarters,
      keyFacts: facts.key_facts,
      keyPeople: facts.key_people,
      products: facts.products,
      services: facts.services,
      competitors: facts.competitors,
      researchStatus: facts.research_status,
      updatedAt: now,
    });
    await finishJob(tx, job.id, {
      status: 'completed',
      now,
      result: { brand_id: brand.id, research_status: facts.research_status },
      message: `Research ${facts.research_status}`,
    });
  });
}
