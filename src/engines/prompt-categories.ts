/** The categories prompts are sorted into when the client names none, the same in live and test mode. */
export const DEFAULT_PROMPT_CATEGORIES = ['Comparison', 'Best of', 'Recommendation', 'Alternatives'] as const;
