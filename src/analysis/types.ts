import type { BrandRef, CompetitorRef, Platform, Source } from '../engines/types.ts';
import type { AnalysedCitation } from './citations.ts';
import type { Sentiment } from './sentiment.ts';

export type { AnalysedCitation } from './citations.ts';
export type { DomainCategory } from './domains.ts';
export type { Sentiment } from './sentiment.ts';

/** The names an analyzer is compiled for: the tracked brand and its tracked competitors. */
export interface BrandSet {
  brand: Pick<BrandRef, 'name' | 'aliases' | 'website'>;
  competitors: Array<Pick<CompetitorRef, 'name' | 'aliases' | 'website'>>;
}

export interface AnswerToAnalyse {
  platform?: Platform;
  prompt?: string;
  answer: string;
  sources: Source[];
}

export interface AnalyseAnswerInput extends BrandSet, AnswerToAnalyse {}

export interface MentionedBrand {
  name: string;
  tracked: boolean;
  position: number | null;
  sentiment: Sentiment | null;
}

export interface AnswerAnalysis {
  brand_mentioned: boolean;
  /** Tracked entity names (brand and competitors) in order of first mention. */
  mentioned: string[];
  /** Untracked brands presented as options, as the answer writes them, in order of first appearance. */
  other_brands: string[];
  brand_position: number | null;
  sentiment: Sentiment | null;
  mentioned_brands: MentionedBrand[];
  citations: AnalysedCitation[];
  brand_cited: boolean;
}
