import { type Platform, STANDARD_PLATFORMS } from '../engines/types.ts';

/** Brand-facts research (spec §6). */
export const FACTS_RESEARCH_COST = 1;

export interface ReportRunCostInput {
  promptCount: number;
  platforms: readonly Platform[];
  samples: number;
}

function assertCount(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  }
}

/** Credits one prompt costs for one sample: the standard platforms as one bundle, each premium one on top. */
export function creditsPerPrompt(platforms: readonly Platform[]): number {
  // A platform listed twice is still asked once, so it is charged once.
  const selected = new Set(platforms);
  let standard = 0;
  let premium = 0;
  for (const platform of selected) {
    if (STANDARD_PLATFORMS.includes(platform)) standard = 1;
    else premium += 1;
  }
  return standard + premium;
}

export function reportRunCost({ promptCount, platforms, samples }: ReportRunCostInput): number {
  assertCount('promptCount', promptCount, 0);
  assertCount('samples', samples, 1);
  return promptCount * creditsPerPrompt(platforms) * samples;
}

/** A schedule execution runs one report per region config and costs their sum. */
export function scheduleExecutionCost(reports: readonly ReportRunCostInput[]): number {
  return reports.reduce((total, report) => total + reportRunCost(report), 0);
}
