import { brandsIn, FAKE_SOURCES } from './answers.ts';
import type { FakeReply, ReplyContext } from './responders.ts';

// SerpApi's Google results JSON, with the `ai_overview` block inline or deferred behind a page_token.

function overviewFor(prompt: string, answer: string | undefined) {
  const brands = [...brandsIn(prompt).slice(0, 1), 'Globex'];
  return {
    text_blocks: [
      {
        type: 'paragraph',
        snippet: answer ?? `Several providers stand out for "${prompt}".`,
        reference_indexes: [0],
      },
      { type: 'heading', snippet: 'Popular choices' },
      { type: 'list', list: brands.map((brand) => ({ title: `${brand}:`, snippet: 'Often recommended.' })) },
    ],
    references: [...FAKE_SOURCES, ...FAKE_SOURCES.slice(0, 1)].map((s, index) => ({
      title: s.title,
      link: s.url,
      snippet: 'Snippet.',
      source: s.domain,
      index,
    })),
  };
}

export function serpapiReply(ctx: ReplyContext): FakeReply {
  if (!ctx.query.api_key) return { status: 401, body: { error: 'Invalid API key.' } };
  const metadata = { search_metadata: { id: 'serp_fake', status: 'Success' }, search_parameters: ctx.query };
  if (ctx.query.engine === 'google_ai_overview') {
    const prompt = Buffer.from(ctx.query.page_token ?? '', 'base64url').toString('utf8');
    return { status: 200, body: { ...metadata, ai_overview: overviewFor(prompt, ctx.answer) } };
  }
  const prompt = ctx.query.q ?? '';
  const organic = FAKE_SOURCES.map((s, index) => ({ position: index + 1, title: s.title, link: s.url }));
  if (ctx.noOverview) return { status: 200, body: { ...metadata, organic_results: organic } };
  const overview = ctx.deferredOverview
    ? {
        page_token: Buffer.from(prompt, 'utf8').toString('base64url'),
        serpapi_link: `${ctx.origin}/serpapi/search.json`,
      }
    : overviewFor(prompt, ctx.answer);
  return { status: 200, body: { ...metadata, ai_overview: overview, organic_results: organic } };
}
