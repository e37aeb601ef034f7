import type { NavigationError } from '@angular/router';

/**
 * What browsers say when a lazy chunk of the back-office is gone: the tab was opened before a
 * new version was deployed, and the file names of the old build no longer exist on the server.
 */
const STALE_CHUNK_MESSAGES = [
  'Failed to fetch dynamically imported module', // Chromium
  'error loading dynamically imported module', // Firefox
  'Importing a module script failed', // Safari
];

export function isStaleBuildError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return STALE_CHUNK_MESSAGES.some((known) => message.includes(known));
}

/** Remembers the last reloaded address, so that a chunk really missing cannot reload forever. */
export const STALE_BUILD_RELOAD_KEY = 'parcours.staleBuildReload';

/**
 * A link to a space of an old build would otherwise do nothing at all: the page is loaded again
 * at the address asked for, which brings the new build. Once per address, so that a chunk
 * missing from the new build too ends on the router's usual error instead of a reload loop.
 */
export function reloadOnStaleBuild(
  navigation: Pick<NavigationError, 'error' | 'url'>,
  storage: Pick<Storage, 'getItem' | 'setItem'>,
  load: (url: string) => void,
): boolean {
  if (!isStaleBuildError(navigation.error)) return false;
  if (storage.getItem(STALE_BUILD_RELOAD_KEY) === navigation.url) return false;
  storage.setItem(STALE_BUILD_RELOAD_KEY, navigation.url);
  load(navigation.url);
  return true;
}
