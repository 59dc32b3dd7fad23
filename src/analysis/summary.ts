import type { ReportMetrics } from './metrics.ts';
import { roundTo } from './wilson.ts';

export interface PromptRow {
  prompt_text: string;
  category: string | null;
  /** The brand was named in at least one of the prompt's answers. */
  brand_mentioned_any: boolean;
  competitors_mentioned: string[];
}

export interface ReportSummaryInput {
  /** The brand's name, used in the sentences (default "The brand"). */
  brand_name?: string;
  current: ReportMetrics;
  previous: ReportMetrics | null;
  prompts: PromptRow[];
}

export type Trend = 'up' | 'down' | 'flat';

export interface Highlight {
  category: string;
  trend: Trend;
  text: string;
}

export interface Gap {
  prompt_text: string;
  category: string | null;
  competitors: string[];
}

export interface ReportSummary {
  ai_suggestion: string;
  ai_analysis: { summary: string; highlights: Highlight[] };
  gaps: Gap[];
}

/** A change smaller than this many percentage points is reported as flat. */
export const FLAT_THRESHOLD_POINTS = 5;

function percent(value: number): string {
  return `${value.toFixed(1)}%`;
}

function trendOf(
  current: number | null,
  previous: number | null | undefined,
): { trend: Trend; delta: number | null } {
  if (current === null || previous === null || previous === undefined) return { trend: 'flat', delta: null };
  const delta = roundTo(current - previous, 1);
  if (Math.abs(delta) < FLAT_THRESHOLD_POINTS) return { trend: 'flat', delta };
  return { trend: delta > 0 ? 'up' : 'down', delta };
}

function highlightsOf(current: ReportMetrics, previous: ReportMetrics | null): Highlight[] {
  const highlights = Object.entries(current.by_category).map(([category, entry]) => {
    const before = previous?.by_category[category]?.rate;
    const { trend, delta } = trendOf(entry.rate, before);
    const now =
      entry.rate === null ? 'no completed answers' : `visibility ${percent(entry.rate)} (n=${entry.n})`;
    let change = '';
    if (delta !== null && before !== undefined && before !== null) {
      change =
        trend === 'flat'
          ? `, about the same as ${percent(before)} last time`
          : `, ${trend} ${Math.abs(delta).toFixed(1)} points from ${percent(before)}`;
    }
    return {
      highlight: { category, trend, text: `${category}: ${now}${change}.` },
      size: Math.abs(delta ?? 0),
    };
  });
  return highlights
    .sort(
      (left, right) =>
        right.size - left.size || left.highlight.category.localeCompare(right.highlight.category, 'en'),
    )
    .map(({ highlight }) => highlight);
}

function gapsOf(prompts: PromptRow[]): Gap[] {
  return prompts
    .filter((row) => !row.brand_mentioned_any && row.competitors_mentioned.length > 0)
    .map((row) => ({
      prompt_text: row.prompt_text,
      category: row.category,
      competitors: [...new Set(row.competitors_mentioned)],
    }))
    .sort(
      (left, right) =>
        right.competitors.length - left.competitors.length ||
        left.prompt_text.localeCompare(right.prompt_text, 'en'),
    );
}

function summaryOf(brand: string, current: ReportMetrics, previous: ReportMetrics | null): string {
  if (current.visibility_score === null)
    return `No completed answers yet, so ${brand}'s visibility is not measured.`;
  const parts = [
    `${brand} is named in ${percent(current.visibility_score)} of ${current.n} answers ` +
      `(95% interval ${percent(current.visibility_interval.low)}–${percent(current.visibility_interval.high)}).`,
  ];
  const { trend, delta } = trendOf(current.visibility_score, previous?.visibility_score);
  if (delta !== null && trend !== 'flat') {
    parts.push(`That is ${trend} ${Math.abs(delta).toFixed(1)} points on the previous report.`);
  } else if (delta !== null) parts.push('That is about the same as the previous report.');
  if (current.average_position !== null)
    parts.push(`When named, it ranks ${current.average_position} on average.`);
  if (current.share_of_voice !== null)
    parts.push(`Share of voice among tracked brands: ${percent(current.share_of_voice)}.`);
  const { positive, neutral, negative } = current.sentiment;
  if (positive + neutral + negative > 0) {
    parts.push(`Tone: ${positive} positive, ${neutral} neutral, ${negative} negative.`);
  }
  const leader = current.competitors[0];
  if (
    leader !== undefined &&
    leader.visibility_score !== null &&
    leader.visibility_score > current.visibility_score
  ) {
    parts.push(`${leader.name} is named more often (${percent(leader.visibility_score)}).`);
  }
  return parts.join(' ');
}

function suggestionOf(brand: string, current: ReportMetrics, gaps: Gap[]): string {
  const gap = gaps[0];
  if (gap !== undefined) {
    return `Publish content that answers "${gap.prompt_text}": ${gap.competitors.join(', ')} appear in answers to it and ${brand} does not.`;
  }
  if (current.visibility_score === null) return `Run the report to measure how often ${brand} is named.`;
  const weakest = Object.entries(current.by_category)
    .filter(([, entry]) => entry.rate !== null)
    .sort(
      ([leftName, left], [rightName, right]) =>
        (left.rate ?? 0) - (right.rate ?? 0) || leftName.localeCompare(rightName, 'en'),
    )[0];
  if (weakest !== undefined && (weakest[1].rate ?? 0) < current.visibility_score) {
    return `Strengthen ${brand}'s presence for "${weakest[0]}" prompts, where it is named in ${percent(weakest[1].rate ?? 0)} of answers.`;
  }
  return `Keep ${brand}'s content current: it is named in ${percent(current.visibility_score)} of answers.`;
}

/**
 * The deterministic report summary: headline sentences, per-category highlights with trends against
 * the previous report (flat when the change is under 5 points or there is no previous report),
 * prompts where competitors appear and the brand does not (most competitors first), and one suggestion.
 */
export function buildReportSummary(input: ReportSummaryInput): ReportSummary {
  const brand = input.brand_name?.trim() || 'The brand';
  const gaps = gapsOf(input.prompts);
  return {
    ai_suggestion: suggestionOf(brand, input.current, gaps),
    ai_analysis: {
      summary: summaryOf(brand, input.current, input.previous),
      highlights: highlightsOf(input.current, input.previous),
    },
    gaps,
  };
}
