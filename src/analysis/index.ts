// The answer-analysis library: pure functions, no I/O. The service imports from here.
export { type AliasSuggestion, suggestAliases } from './aliases.ts';
export { type AnswerAnalyzer, analyzeAnswer, createAnalyzer, explainBrandTone } from './analyze.ts';
export {
  type AnalyzeCase,
  type AnalyzeCaseOutput,
  analyzeCase,
  analyzeCaseSchema,
  runAnalyzeCli,
} from './cli.ts';
export { categoriseHost, classifyDomain, DOMAIN_CATEGORIES, type DomainCategory } from './domains.ts';
export {
  type CitedDomain,
  type CompetitorMetrics,
  computeReportMetrics,
  METHODOLOGY_VERSION,
  type MetricsContext,
  type RateWithInterval,
  type ReportMetrics,
  type StoredResult,
} from './metrics.ts';
export {
  buildReportSummary,
  FLAT_THRESHOLD_POINTS,
  type Gap,
  type Highlight,
  type PromptRow,
  type ReportSummary,
  type ReportSummaryInput,
  type Trend,
} from './summary.ts';
export type {
  AnalyseAnswerInput,
  AnalysedCitation,
  AnswerAnalysis,
  AnswerToAnalyse,
  BrandSet,
  MentionedBrand,
  Sentiment,
} from './types.ts';
export { hostOf, isSameSite, normaliseUrl } from './urls.ts';
export { type Interval, percentage, wilsonInterval } from './wilson.ts';
