import { z } from 'zod';
import type { RawSource } from './sources.ts';

// SerpApi's `ai_overview` block, read leniently: unknown block types still contribute their snippet.

interface ListItem {
  title?: string | null;
  snippet?: string | null;
  list?: ListItem[] | null;
}

interface TextBlock {
  type?: string | null;
  title?: string | null;
  snippet?: string | null;
  list?: ListItem[] | null;
  table?: unknown[][] | null;
  text_blocks?: TextBlock[] | null;
}

const listItemSchema: z.ZodType<ListItem> = z.lazy(() =>
  z.object({
    title: z.string().nullish(),
    snippet: z.string().nullish(),
    list: z.array(listItemSchema).nullish(),
  }),
);

const textBlockSchema: z.ZodType<TextBlock> = z.lazy(() =>
  z.object({
    type: z.string().nullish(),
    title: z.string().nullish(),
    snippet: z.string().nullish(),
    list: z.array(listItemSchema).nullish(),
    table: z.array(z.array(z.unknown())).nullish(),
    text_blocks: z.array(textBlockSchema).nullish(),
  }),
);

export const aiOverviewSchema = z.object({
  text_blocks: z.array(textBlockSchema).nullish(),
  references: z
    .array(
      z.object({ link: z.string().nullish(), title: z.string().nullish(), source: z.string().nullish() }),
    )
    .nullish(),
  /** Set when Google loads the overview separately: fetch it with engine=google_ai_overview. */
  page_token: z.string().nullish(),
  error: z.string().nullish(),
});
export type AiOverview = z.infer<typeof aiOverviewSchema>;

export const serpResponseSchema = z.object({
  ai_overview: aiOverviewSchema.nullish(),
  error: z.string().nullish(),
});

const text = (value: string | null | undefined) => value?.replace(/\s+/g, ' ').trim() ?? '';

function renderItem(item: ListItem, depth: number): string[] {
  const title = text(item.title).replace(/:$/, '');
  const snippet = text(item.snippet);
  const line = title && snippet ? `**${title}**: ${snippet}` : title ? `**${title}**` : snippet;
  const lines = line ? [`${'  '.repeat(depth)}- ${line}`] : [];
  for (const child of item.list ?? []) lines.push(...renderItem(child, depth + 1));
  return lines;
}

function renderTable(rows: unknown[][]): string {
  const cells = rows.map((row) => row.map((cell) => text(String(cell ?? '')).replace(/\|/g, '\\|')));
  const [header, ...body] = cells;
  if (header === undefined) return '';
  const line = (row: string[]) => `| ${row.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n');
}

function renderBlock(block: TextBlock): string {
  const snippet = text(block.snippet);
  switch (block.type) {
    case 'heading':
      return snippet ? `### ${snippet}` : '';
    case 'list':
      return [snippet, (block.list ?? []).flatMap((item) => renderItem(item, 0)).join('\n')]
        .filter(Boolean)
        .join('\n\n');
    case 'table':
      return [snippet, renderTable(block.table ?? [])].filter(Boolean).join('\n\n');
    case 'expandable': {
      const heading = text(block.title) || snippet;
      return [heading ? `**${heading}**` : '', renderBlocks(block.text_blocks ?? [])]
        .filter(Boolean)
        .join('\n\n');
    }
    default:
      return snippet;
  }
}

function renderBlocks(blocks: TextBlock[]): string {
  return blocks.map(renderBlock).filter(Boolean).join('\n\n');
}

/** The overview as Markdown, and its references as sources in the order Google listed them. */
export function readAiOverview(overview: AiOverview | null | undefined): {
  text: string;
  sources: RawSource[];
} {
  if (!overview) return { text: '', sources: [] };
  const sources: RawSource[] = [];
  for (const reference of overview.references ?? []) {
    if (reference.link) sources.push({ url: reference.link, title: reference.title ?? reference.source });
  }
  return { text: renderBlocks(overview.text_blocks ?? []), sources };
}
