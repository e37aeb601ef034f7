/**
 * The token of an invitation link, `…/accept-invitation#token=<token>`: it travels in the
 * fragment, so that no server (nor its logs) ever receives it.
 */
export function invitationTokenFrom(fragment: string | null | undefined): string | null {
  if (!fragment) return null;
  const token = new URLSearchParams(fragment.replace(/^#/, '')).get('token');
  return token && /^[\w-]{20,200}$/.test(token) ? token : null;
}
