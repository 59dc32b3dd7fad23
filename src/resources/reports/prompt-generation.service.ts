import type { Deps } from '../../deps.ts';
import { ProviderCallError } from '../../engines/outbound.ts';
import { generatePrompts } from '../../engines/research.ts';
import { sandboxPrompts } from '../../engines/sandbox-prompts.ts';
import { ApiError } from '../../http/errors.ts';
import type { Principal } from '../../http/principal.ts';
import { findFacts } from '../brand-facts/brand-facts.repo.ts';
import { requireBrand } from '../brands/brands.service.ts';
import type { AutoGenerateOptions, NewPromptInput } from './report-prompts.schemas.ts';
import type { ReportRow } from './reports.repo.ts';

/**
 * Proposes `options.count` prompts from the brand's facts: the sandbox for test keys, an LLM for live
 * ones (free, spec §6). Called outside any transaction; the caller stores what it returns.
 */
export async function autoGeneratePrompts(
  deps: Deps,
  principal: Principal,
  report: ReportRow,
  options: AutoGenerateOptions,
): Promise<NewPromptInput[]> {
  const brand = await requireBrand(deps, principal, report.brandId);
  const facts = (await findFacts(deps.database.db, brand.id)) ?? null;
  const categories = options.categories ?? brand.categories;
  if (principal.mode === 'test') {
    return sandboxPrompts({ brand, facts, count: options.count, categories });
  }
  if (!deps.config.providers.providers.openai.apiKey) {
    throw new ApiError('platform_unavailable', 'Prompt generation needs OPENAI_API_KEY on this server.', {
      platforms: ['chatgpt'],
    });
  }
  try {
    return await generatePrompts({
      brand: { name: brand.name, website: brand.website, categories: brand.categories },
      facts: facts && { ...facts },
      count: options.count,
      categories: categories.length > 0 ? categories : undefined,
      market: { country: report.country, language: report.language ?? 'English', location: report.location },
      settings: deps.config.providers,
      outbound: deps.engines.outbound,
    });
  } catch (error) {
    if (!(error instanceof ProviderCallError)) throw error;
    throw new ApiError(
      'service_unavailable',
      `Prompt generation failed upstream: ${error.message}`,
      { retry_after: 30 },
      { 'retry-after': '30' },
    );
  }
}
