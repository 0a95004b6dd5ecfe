// Seed 000 §5.4.1 step 4: the Japan Post job of a redirected owryt job is
// published as `jpt-from-owryt-{original custom_id}`; batch completion and
// the redirect chain both find the pair by this name.
export const REDIRECT_CUSTOM_ID_PREFIX = "jpt-from-owryt-";

export function redirectCustomId(originalCustomId: string): string {
  return `${REDIRECT_CUSTOM_ID_PREFIX}${originalCustomId}`;
}

export function originalCustomIdOf(customId: string): string | null {
  return customId.startsWith(REDIRECT_CUSTOM_ID_PREFIX) ? customId.slice(REDIRECT_CUSTOM_ID_PREFIX.length) : null;
}
