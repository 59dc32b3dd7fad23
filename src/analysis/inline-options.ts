import { isFeatureNoun } from './label-words.ts';
import type { BoldSpan } from './markdown.ts';

// How a bold name inside a sentence is offered. "**X** and **Y** score highest" (Y joins X, the
// item's lead), "a cleaner such as **X**" or "**X** is the best-known option" (offered as a
// choice by the sentence itself), "**Fees:** …" (a label heading the point, never a name).

export type InlineRole = 'label' | 'joined' | 'cued' | 'plain';

const JOINER =
  /^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&|paired with|combined with|together with|alongside)\s+|\s*\/\s*)$/;
const CUE_BEFORE =
  /(?:\bsuch as|\blike|\btry|\be\.g\.,?|\bincluding|\bconsider|\brecommend|\bswitch to|\bopt for|\blook at)\s*$/i;
const CUE_AFTER =
  /^\s+(?:is|are|remains|makes)\s+(?:(?:a|an|the|one of the|another)\s+)?(?:[\p{L}-]+\s+){0,2}(?:option|choice|pick|alternative|bet)s?\b/iu;

/** "features such as **Smart Sync**": what follows is a feature, not a choice. */
const FEATURES_BEFORE = /(\p{L}+)\s+(?:such as|like|including)\s*$/iu;

function closingMarkerEnd(text: string, end: number): number {
  return text.startsWith('**', end) || text.startsWith('__', end) ? end + 2 : end;
}

/**
 * The role of `span`, an inline bold (not the lead of its line); `previous` is the bold before it
 * on the same line, if any, and `joinable` says whether that one is a lead or joined to one.
 */
export function inlineRole(
  text: string,
  span: BoldSpan,
  previous: BoldSpan | undefined,
  joinable: boolean,
): InlineRole {
  const after = closingMarkerEnd(text, span.end);
  const open = span.start - 2;
  if (
    previous !== undefined &&
    joinable &&
    JOINER.test(text.slice(closingMarkerEnd(text, previous.end), open))
  )
    return 'joined';
  if (text.slice(span.start, span.end).endsWith(':') || text[after] === ':') return 'label';
  const before = text.slice(Math.max(0, open - 40), open);
  const feature = FEATURES_BEFORE.exec(before);
  const cued = CUE_BEFORE.test(before) && (feature === null || !isFeatureNoun(feature[1].toLowerCase()));
  if (cued || CUE_AFTER.test(text.slice(after, after + 60))) return 'cued';
  return 'plain';
}
