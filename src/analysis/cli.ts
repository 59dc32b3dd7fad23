import { createInterface } from 'node:readline';
import { z } from 'zod';
import { PLATFORMS } from '../engines/types.ts';
import { type AnswerAnalyzer, createAnalyzer } from './analyze.ts';

const nameSchema = z.object({
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  website: z.string().nullable().default(null),
});

/** One case of the evaluation-set format (`expected` and unknown fields are ignored). */
export const analyzeCaseSchema = z.object({
  id: z.union([z.string(), z.number()]).nullable().default(null),
  platform: z.string().optional(),
  prompt: z.string().default(''),
  brand: nameSchema,
  competitors: z.array(nameSchema).default([]),
  answer: z.string(),
  sources: z.array(z.object({ url: z.string(), title: z.string().nullable().optional() })).default([]),
});
export type AnalyzeCase = z.infer<typeof analyzeCaseSchema>;

export interface AnalyzeCaseOutput {
  id: string | number | null;
  brand_mentioned: boolean;
  mentioned: string[];
  other_brands: string[];
  brand_position: number | null;
  sentiment: 'positive' | 'neutral' | 'negative' | null;
  citations: string[];
  brand_cited: boolean;
}

function brandSetKey(entry: AnalyzeCase): string {
  return JSON.stringify([entry.brand, entry.competitors]);
}

/** Analyses one case; analyzers are cached per brand set because consecutive cases often share one. */
export function analyzeCase(
  entry: AnalyzeCase,
  cache = new Map<string, AnswerAnalyzer>(),
): AnalyzeCaseOutput {
  const key = brandSetKey(entry);
  let analyzer = cache.get(key);
  if (analyzer === undefined) {
    analyzer = createAnalyzer({
      brand: { ...entry.brand, website: entry.brand.website ?? '' },
      competitors: entry.competitors,
    });
    cache.set(key, analyzer);
  }
  const platform = PLATFORMS.find((known) => known === entry.platform);
  const result = analyzer({
    platform,
    prompt: entry.prompt,
    answer: entry.answer,
    sources: entry.sources.map((source) => ({
      url: source.url,
      ...(source.title ? { title: source.title } : {}),
    })),
  });
  return {
    id: entry.id,
    brand_mentioned: result.brand_mentioned,
    mentioned: result.mentioned,
    other_brands: result.other_brands,
    brand_position: result.brand_position,
    sentiment: result.sentiment,
    citations: result.citations.map((citation) => citation.url),
    brand_cited: result.brand_cited,
  };
}

function describeError(error: unknown): string {
  if (error instanceof z.ZodError) {
    return error.issues.map((issue) => `${issue.path.join('.') || '(case)'}: ${issue.message}`).join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads JSON lines in the evaluation-case format and writes one JSON line per case with the
 * analyzer's labels. A line that is not valid JSON or not a case yields `{ id, error }` and the
 * run goes on. Blank lines are skipped.
 */
export async function runAnalyzeCli(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<void> {
  const cache = new Map<string, AnswerAnalyzer>();
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let record: string;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      record = JSON.stringify({ id: null, error: `invalid JSON: ${describeError(error)}` });
      if (!output.write(`${record}\n`)) await new Promise((resolve) => output.once('drain', resolve));
      continue;
    }
    const validated = analyzeCaseSchema.safeParse(parsed);
    if (validated.success) record = JSON.stringify(analyzeCase(validated.data, cache));
    else {
      const id = typeof parsed === 'object' && parsed !== null && 'id' in parsed ? parsed.id : null;
      const safeId = typeof id === 'string' || typeof id === 'number' ? id : null;
      record = JSON.stringify({ id: safeId, error: `invalid case: ${describeError(validated.error)}` });
    }
    if (!output.write(`${record}\n`)) await new Promise((resolve) => output.once('drain', resolve));
  }
}
