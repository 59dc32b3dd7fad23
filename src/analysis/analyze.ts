import { isEnglishText } from './answer-language.ts';
import { type AnalysedCitation, collectCitations } from './citations.ts';
import { parseMarkdown } from './markdown.ts';
import {
  compileEntityMatcher,
  entitiesNamedIn,
  findMentions,
  type MentionOccurrence,
  type TrackedEntity,
} from './mentions.ts';
import { createNoInformationCheck } from './no-information.ts';
import { findOtherBrands, type OtherBrand } from './options.ts';
import { productEchoes } from './product-names.ts';
import {
  collectSentimentEvidence,
  judgeSentiment,
  type SentimentEvidence,
  type SentimentInput,
  type Span,
} from './sentiment.ts';
import { foldName, foldText, isUpperCaseLetter, isWordCharCode } from './text.ts';
import { findToneCues } from './tone-cues.ts';
import type {
  AnalyseAnswerInput,
  AnswerAnalysis,
  AnswerToAnalyse,
  BrandSet,
  MentionedBrand,
} from './types.ts';
import { findTextUrls, hostOf } from './urls.ts';

export type AnswerAnalyzer = (answer: AnswerToAnalyse) => AnswerAnalysis;

interface RankedBrand {
  /** Index among the tracked entities (0 = the brand); -1 for an untracked brand. */
  entity: number;
  name: string;
  tracked: boolean;
  firstOffset: number;
  spans: Span[];
}

/** Where an untracked brand is named again; a capitalised name must be capitalised there too. */
function occurrencesOfName(text: string, folded: string, name: string, excluded: Span[]): Span[] {
  const needle = foldName(name);
  const capitalised = isUpperCaseLetter(name[0]);
  const spans: Span[] = [];
  for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + 1)) {
    const end = at + needle.length;
    if (at > 0 && isWordCharCode(folded, at - 1)) continue;
    if (end < folded.length && isWordCharCode(folded, end)) continue;
    if (capitalised && !isUpperCaseLetter(text[at])) continue;
    if (excluded.some((span) => at < span.end && end > span.start)) continue;
    spans.push({ start: at, end });
  }
  return spans;
}

function rankBrands(
  entities: TrackedEntity[],
  occurrences: MentionOccurrence[],
  others: OtherBrand[],
  text: string,
  folded: string,
  excluded: Span[],
): RankedBrand[] {
  const tracked = new Map<number, RankedBrand>();
  for (const occurrence of occurrences) {
    const span = { start: occurrence.start, end: occurrence.end };
    const known = tracked.get(occurrence.entity);
    if (known !== undefined) known.firstOffset = Math.min(known.firstOffset, occurrence.start);
    if (known === undefined) {
      tracked.set(occurrence.entity, {
        entity: occurrence.entity,
        name: entities[occurrence.entity].name,
        tracked: true,
        firstOffset: occurrence.start,
        spans: [span],
      });
    } else known.spans.push(span);
  }
  const untracked = others.map((other) => {
    const spans = occurrencesOfName(text, folded, other.name, excluded).filter(
      (span) => span.start >= other.firstOffset,
    );
    return { entity: -1, name: other.name, tracked: false, firstOffset: other.firstOffset, spans };
  });
  return [...tracked.values(), ...untracked].sort((left, right) => left.firstOffset - right.firstOffset);
}

interface ReadAnswer {
  ranked: RankedBrand[];
  toneInputs: SentimentInput[];
  citations: AnalysedCitation[];
}

/**
 * Compiles the matchers for one brand set and returns a function that reads answers with it:
 * a run analyses many answers with the same names, so the names are prepared once.
 */
function createReader(brandSet: BrandSet): (input: AnswerToAnalyse) => ReadAnswer {
  const entities: TrackedEntity[] = [
    {
      name: brandSet.brand.name,
      aliases: brandSet.brand.aliases ?? [],
      website: brandSet.brand.website ?? null,
    },
    ...brandSet.competitors.map((competitor) => ({
      name: competitor.name,
      aliases: competitor.aliases ?? [],
      website: competitor.website ?? null,
    })),
  ];
  const matcher = compileEntityMatcher(entities);
  const ownHost = brandSet.brand.website ? hostOf(brandSet.brand.website) : null;
  const competitorHosts = brandSet.competitors
    .map((competitor) => (competitor.website ? hostOf(competitor.website) : null))
    .filter((host): host is string => host !== null && host !== ownHost);

  return (input) => {
    const text = input.answer ?? '';
    const folded = foldText(text);
    const document = parseMarkdown(text);
    const textUrls = findTextUrls(text);
    const occurrences = findMentions(matcher, {
      text,
      folded,
      document,
      excluded: textUrls.excluded,
      saysNoInformation: createNoInformationCheck(folded),
      english: isEnglishText(folded),
    });
    const others = findOtherBrands(text, folded, document, matcher, textUrls.excluded);
    const ranked = rankBrands(entities, occurrences, others, text, folded, textUrls.excluded);

    const prompt = input.prompt ?? '';
    const namedInPrompt = prompt === '' ? [] : entitiesNamedIn(matcher, prompt, foldText(prompt));
    const comparing = /\b(?:vs|versus|compared|comparison)\b/i.test(prompt);
    const cues = ranked.length === 0 ? [] : findToneCues(folded);
    const named = ranked.flatMap((brand, owner) => brand.spans.map((span) => ({ ...span, owner })));
    const echoes = ranked.flatMap((brand, owner) =>
      brand.tracked
        ? productEchoes(text, folded, brand.spans, named).map((span) => ({ ...span, owner }))
        : [],
    );
    const names = [...named, ...echoes].sort((left, right) => left.start - right.start);
    const clauseNames = new Map();
    const toneInputs = ranked.map((brand, owner) => ({
      text,
      folded,
      document,
      cues,
      names,
      owner,
      clauseNames,
      subject: !comparing && namedInPrompt.length === 1 && brand.entity === namedInPrompt[0],
    }));
    const citations = collectCitations(input.sources ?? [], textUrls.urls, { ownHost, competitorHosts });
    return { ranked, toneInputs, citations };
  };
}

/**
 * Compiles the matchers for one brand set and returns a function that analyses answers with it:
 * a run analyses many answers with the same names, so the names are prepared once.
 */
export function createAnalyzer(brandSet: BrandSet): AnswerAnalyzer {
  const read = createReader(brandSet);
  return (input: AnswerToAnalyse): AnswerAnalysis => {
    const { ranked, toneInputs, citations } = read(input);
    const mentionedBrands: MentionedBrand[] = ranked.map((brand, index) => ({
      name: brand.name,
      tracked: brand.tracked,
      position: index + 1,
      sentiment: judgeSentiment(toneInputs[index]),
    }));
    const brandIndex = ranked.findIndex((brand) => brand.entity === 0);
    const brandEntry = brandIndex < 0 ? undefined : mentionedBrands[brandIndex];
    return {
      brand_mentioned: brandEntry !== undefined,
      mentioned: mentionedBrands.filter((brand) => brand.tracked).map((brand) => brand.name),
      other_brands: mentionedBrands.filter((brand) => !brand.tracked).map((brand) => brand.name),
      brand_position: brandEntry?.position ?? null,
      sentiment: brandEntry?.sentiment ?? null,
      mentioned_brands: mentionedBrands,
      citations,
      brand_cited: citations.some((citation) => citation.owned),
    };
  };
}

/** Analyses one answer. For many answers with the same names, use `createAnalyzer` once instead. */
export function analyzeAnswer(input: AnalyseAnswerInput): AnswerAnalysis {
  return createAnalyzer(input)(input);
}

/** Why the brand got its tone: the stretches of the answer read and the cue weights in each. */
export function explainBrandTone(input: AnalyseAnswerInput): SentimentEvidence | null {
  const { ranked, toneInputs } = createReader(input)(input);
  const brandIndex = ranked.findIndex((brand) => brand.entity === 0);
  return brandIndex < 0 ? null : collectSentimentEvidence(toneInputs[brandIndex]);
}
