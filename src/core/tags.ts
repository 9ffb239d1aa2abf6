/**
 * The one definition of the [C]/[D]/[E]/[U] tags every number carries: the CLI, the Markdown report,
 * the hover and the webview print these. A leaf (no imports): both bundles take it.
 */
export type Status = 'confirmed' | 'derived' | 'estimated' | 'user';

export const STATUS_TAG: Record<Status, { tag: string; text: string }> = {
  confirmed: { tag: '[C]', text: 'confirmed' },
  derived: { tag: '[D]', text: 'derived' },
  estimated: { tag: '[E]', text: 'estimated' },
  user: { tag: '[U]', text: 'yours' },
};

export const tagOf = (s: Status): string => STATUS_TAG[s].tag;

/** "[C] confirmed, [D] derived, [E] estimated, [U] yours". */
export const TAG_LEGEND = (Object.keys(STATUS_TAG) as Status[]).map((s) => `${STATUS_TAG[s].tag} ${STATUS_TAG[s].text}`).join(', ');
