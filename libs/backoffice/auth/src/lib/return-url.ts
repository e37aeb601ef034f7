import { SIGN_IN_PATH } from './sign-in-path';

/**
 * Where to go after signing in. Only paths inside the app are followed, so that a crafted link
 * (`?returnUrl=https://evil.example`, `//evil.example`) cannot send people elsewhere.
 */
export function safeReturnUrl(candidate: string | null | undefined): string {
  if (!candidate || !candidate.startsWith('/')) return '/';
  if (candidate.startsWith('//') || candidate.startsWith('/\\')) return '/';
  if (candidate === `/${SIGN_IN_PATH}` || candidate.startsWith(`/${SIGN_IN_PATH}?`)) return '/';
  return candidate;
}
