import { inlineRole } from './inline-options.ts';
import { isFeatureLabel } from './label-words.ts';
import type { BoldSpan, MarkdownDocument, MarkdownLine, TableCell } from './markdown.ts';
import { type EntityMatcher, entityNamedIn } from './mentions.ts';
import { cleanName, isNameLike, LABEL_OPENERS, type Signal, signalOf } from './option-names.ts';
import { plainListOptions } from './plain-options.ts';
import { foldName, isUpperCaseLetter, isWordCharCode, wordsOf } from './text.ts';

/** An untracked brand the answer presents as an option, with where it first appears. */
export interface OtherBrand {
  name: string;
  firstOffset: number;
}

interface Candidate {
  name: string;
  folded: string;
  offset: number;
  group: string;
  /**
   * A list lead's group within its section ("### Other options" and its items): it can vouch for its
   * items even when the answer's lists of the same shape elsewhere are labels.
   */
  sectionGroup: string | null;
  nameLike: boolean;
  signal: Signal;
  tracked: boolean;
  /** Only a tracked neighbour can vouch for it (a cell in a column other than the first). */
  needsTrackedNeighbour: boolean;
}

interface GroupOf {
  group: string;
  needsTrackedNeighbour: boolean;
}

/** The group of bold names a sentence itself offers as choices ("such as **Acme**"). */
const CUED = 'cued';

interface Lead {
  raw: string;
  offset: number;
  /** How the lead is written ("bold, then a dash"): items written alike are alternatives of one list. */
  shape: string;
}

/** "**A** and **B** — …", "**A** paired with **B** – …": a second bold name joined to the first. */
const JOINED_BOLD =
  /^(?:,\s*(?:and\s+|or\s+)?|(?:and|or|&|\/|paired with|combined with|together with|alongside)\s+)(\*\*|__)(?=\S)/;

/**
 * What follows a lead's closing marker, past an aside in brackets and any bold names joined to it,
 * so "**Acme** (Costco): …" and "**A** and **B** — …" are written like "**Rival**: …" and "**C** — …".
 */
function separatorAfter(text: string, offset: number): string {
  let at = offset;
  for (let step = 0; step < 4; step++) {
    while (at < text.length && /[ \t*_]/.test(text[at])) at++;
    if (text[at] === '(') {
      const close = text.indexOf(')', at);
      if (close < 0 || close - at > 80 || text.slice(at, close).includes('\n')) break;
      at = close + 1;
      continue;
    }
    const joined = JOINED_BOLD.exec(text.slice(at, at + 40));
    if (joined === null) break;
    const close = text.indexOf(joined[1], at + joined[0].length);
    if (close < 0 || text.slice(at, close).includes('\n')) break;
    at = close + 2;
  }
  const char = text[at];
  if (char === undefined || char === '\n') return 'end';
  if (/[\p{L}\p{N}]/u.test(char)) return 'text';
  return char === '–' || char === '—' || char === '-' ? 'dash' : char;
}

function leadOf(text: string, document: MarkdownDocument, line: MarkdownLine): Lead | null {
  const content = text.slice(line.contentStart, line.end);
  const trimmed = content.replace(/^\s+/, '');
  const offset = line.contentStart + (content.length - trimmed.length);
  if (trimmed.startsWith('**') || trimmed.startsWith('__')) {
    const span = document.bold.find((bold) => bold.start === offset + 2);
    if (span === undefined) return null;
    const raw = text.slice(span.start, span.end);
    const numbering = /^\d{1,2}[.)]\s*/.exec(raw);
    const shape = raw.endsWith(':') ? 'bold:' : `bold${separatorAfter(text, span.end + 2)}`;
    return { raw, offset: span.start + (numbering === null ? 0 : numbering[0].length), shape };
  }
  if (line.kind === 'paragraph') return null;
  const withoutNumber = trimmed.replace(/^\d{1,2}[.)]\s*/, '');
  const numberLength = trimmed.length - withoutNumber.length;
  let cut = -1;
  for (const separator of [' — ', ' – ', ' - ', ': ', ' (']) {
    const at = withoutNumber.indexOf(separator);
    if (at > 0 && at <= 60 && (cut < 0 || at < cut)) cut = at;
  }
  if (cut < 0 && line.kind === 'list' && withoutNumber.length > 40) return null;
  if (cut < 0 && line.kind === 'list' && /[.!?]/.test(withoutNumber)) return null;
  const raw = cut < 0 ? withoutNumber : withoutNumber.slice(0, cut);
  const shape = cut < 0 ? 'plain' : `plain${separatorAfter(withoutNumber, cut)}`;
  return { raw, offset: offset + numberLength, shape };
}

const LABEL_COLON = /:[\s*_]*$/;

function collectCandidates(text: string, document: MarkdownDocument, matcher: EntityMatcher): Candidate[] {
  const candidates: Candidate[] = [];
  const leadGroups = new Map<number, GroupOf>();
  const add = (
    raw: string,
    offset: number,
    group: string,
    needsTrackedNeighbour = false,
    sectionGroup: string | null = null,
  ) => {
    const { name, endsLikeSentence } = cleanName(raw);
    if (name.length === 0) return;
    const folded = foldName(name);
    const tracked = entityNamedIn(matcher, name, folded) >= 0;
    candidates.push({
      name,
      folded,
      offset,
      group,
      sectionGroup,
      nameLike: !endsLikeSentence && isNameLike(name) && !isFeatureLabel(name, LABEL_COLON.test(raw)),
      signal: signalOf(name, folded),
      tracked,
      needsTrackedNeighbour,
    });
  };
  for (const line of document.lines) {
    let group: string | null = null;
    let needsTrackedNeighbour = false;
    if (line.kind === 'heading') {
      const content = text.slice(line.contentStart, line.end).trim();
      const marked = line.numbered || content.startsWith('**');
      group = marked ? `heading${line.headingLevel}` : `heading-plain${line.headingLevel}`;
      needsTrackedNeighbour = !marked;
    } else if (line.kind === 'list') group = `list${line.indent}${line.numbered ? 'numbered' : 'bullet'}`;
    else if (line.kind === 'paragraph') group = `lead${line.section}`;
    if (group === null) continue;
    const lead = leadOf(text, document, line);
    if (lead === null) continue;
    const leadGroup = {
      group: line.kind === 'list' ? `${group}${lead.shape}` : group,
      needsTrackedNeighbour,
    };
    leadGroups.set(lead.offset, leadGroup);
    const sectionGroup = line.kind === 'list' ? `${line.section}@${leadGroup.group}` : null;
    add(lead.raw, lead.offset, leadGroup.group, needsTrackedNeighbour, sectionGroup);
  }
  let previous: BoldSpan | undefined;
  let previousGroup: GroupOf | undefined;
  for (const span of document.bold) {
    if (previous !== undefined && previous.line !== span.line) previousGroup = undefined;
    const leadGroup =
      leadGroups.get(span.start) ?? leadGroups.get(span.start + 3) ?? leadGroups.get(span.start + 4);
    const line = document.lines[span.line];
    const role =
      leadGroup !== undefined || line.kind === 'table' || line.kind === 'heading'
        ? null
        : inlineRole(
            text,
            span,
            previous?.line === span.line ? previous : undefined,
            previousGroup !== undefined,
          );
    previous = span;
    const joinedTo = role === 'joined' ? previousGroup : undefined;
    previousGroup = leadGroup ?? joinedTo;
    if (role === null || role === 'label') continue;
    const raw = text.slice(span.start, span.end);
    if (joinedTo !== undefined) add(raw, span.start, joinedTo.group, joinedTo.needsTrackedNeighbour);
    else if (role === 'cued') add(raw, span.start, CUED);
    else
      add(
        raw,
        span.start,
        line.kind === 'list' ? `inline-list${line.indent}` : `inline-section${line.section}`,
        true,
      );
  }
  for (const option of plainListOptions(text, document)) add(option.raw, option.offset, CUED);
  addTableCandidates(text, document, matcher, add);
  return candidates;
}

// A corner cell that heads a column of attributes ("| Feature | Acme | Rival |", "| per 100 ml | … |").
const ATTRIBUTE_CORNER =
  /^(?:features?|specs?|specifications?|metrics?|criteri(?:a|on)|categor(?:y|ies)|aspects?|attributes?|factors?|priority|your priority|per\b)/;

/**
 * A comparison table names its options in one column: the column holding the most tracked names
 * (the first column when none does), or the header row when its corner cell is empty or heads
 * attributes; the first column then lists attributes, not options.
 */
function addTableCandidates(
  text: string,
  document: MarkdownDocument,
  matcher: EntityMatcher,
  add: (raw: string, offset: number, group: string, needsTrackedNeighbour?: boolean) => void,
): void {
  const tables = new Map<number, TableCell[]>();
  for (const cell of document.cells) {
    const cells = tables.get(cell.table) ?? [];
    cells.push(cell);
    tables.set(cell.table, cells);
  }
  for (const [table, cells] of tables) {
    // A comparison table may name its options across the header: "| | Acme | Rival |" or "| Feature | Acme | Rival |".
    const header = cells.filter((cell) => cell.header && cell.start < cell.end);
    const corner = header.find((cell) => cell.column === 0);
    const cornerText = corner ? foldName(cleanName(text.slice(corner.start, corner.end)).name) : '';
    const emptyCorner = header.length > 0 && (corner === undefined || ATTRIBUTE_CORNER.test(cornerText));
    for (const cell of header) {
      if (cell.column === 0 && !emptyCorner) continue;
      add(text.slice(cell.start, cell.end), cell.start, `table${table}header`, !emptyCorner);
    }
    const body = cells.filter((cell) => !cell.header && cell.start < cell.end);
    const trackedPerColumn = new Map<number, number>();
    for (const cell of body) {
      const written = cleanName(text.slice(cell.start, cell.end)).name;
      if (entityNamedIn(matcher, written, foldName(written)) >= 0) {
        trackedPerColumn.set(cell.column, (trackedPerColumn.get(cell.column) ?? 0) + 1);
      }
    }
    let nameColumn = 0;
    for (const [column, count] of trackedPerColumn) {
      if (count > (trackedPerColumn.get(nameColumn) ?? 0)) nameColumn = column;
    }
    if (emptyCorner && !trackedPerColumn.has(nameColumn)) continue;
    for (const cell of body) {
      if (cell.column === nameColumn)
        add(text.slice(cell.start, cell.end), cell.start, `table${table}column`);
    }
  }
}

function supportedGroups(candidates: Candidate[]): Set<string> {
  const byGroup = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    for (const group of [candidate.group, candidate.sectionGroup]) {
      if (group === null) continue;
      const members = byGroup.get(group) ?? [];
      members.push(candidate);
      byGroup.set(group, members);
    }
  }
  const supported = new Set<string>();
  // Untracked items led "Name:" pass only if none is an everyday word: "**Fees:**" heads a point.
  for (const [group, members] of byGroup) {
    if (group === CUED || members.some((member) => member.tracked && member.nameLike)) supported.add(group);
    else if (members[0].needsTrackedNeighbour) continue;
    else if (members.some((member) => member.nameLike && member.signal === 'strong')) supported.add(group);
    else if (
      members.length >= 2 &&
      members.every((member) => member.nameLike) &&
      members.filter((member) => member.signal !== 'none').length * (group.endsWith(':') ? 1 : 2) >=
        members.length
    ) {
      supported.add(group);
    }
  }
  return supported;
}

function firstAppearance(
  text: string,
  folded: string,
  candidate: Candidate,
  excluded: Array<{ start: number; end: number }>,
): number {
  let from = 0;
  for (;;) {
    const at = folded.indexOf(candidate.folded, from);
    if (at < 0 || at >= candidate.offset) return candidate.offset;
    from = at + 1;
    const end = at + candidate.folded.length;
    if (at > 0 && isWordCharCode(folded, at - 1)) continue;
    if (end < folded.length && isWordCharCode(folded, end)) continue;
    if (excluded.some((span) => at < span.end && end > span.start)) continue;
    if (candidate.signal === 'none' && !isUpperCaseLetter(text[at])) continue;
    return at;
  }
}

/**
 * Untracked brands the answer presents as options: leads of list items and numbered or bold
 * headings, bold names, table rows. A lead made only of everyday words counts when its
 * neighbours (same list, table column or heading level) are brands.
 */
export function findOtherBrands(
  text: string,
  folded: string,
  document: MarkdownDocument,
  matcher: EntityMatcher,
  excluded: Array<{ start: number; end: number }>,
): OtherBrand[] {
  const candidates = collectCandidates(text, document, matcher);
  if (candidates.length === 0) return [];
  const supported = supportedGroups(candidates);
  const found = new Map<string, OtherBrand>();
  for (const candidate of candidates) {
    if (candidate.tracked || !candidate.nameLike || found.has(candidate.folded)) continue;
    const single = wordsOf(candidate.folded);
    if (single.length === 1 && LABEL_OPENERS.has(single[0])) continue;
    const vouched =
      supported.has(candidate.group) ||
      (candidate.sectionGroup !== null && supported.has(candidate.sectionGroup));
    if (candidate.signal !== 'strong' && !vouched) continue;
    if (candidate.group === CUED && candidate.signal === 'none') continue;
    found.set(candidate.folded, {
      name: candidate.name,
      firstOffset: firstAppearance(text, folded, candidate, excluded),
    });
  }
  return [...found.values()].sort((left, right) => left.firstOffset - right.firstOffset);
}
