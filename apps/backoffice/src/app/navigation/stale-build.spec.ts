import { STALE_BUILD_RELOAD_KEY, isStaleBuildError, reloadOnStaleBuild } from './stale-build';

function memoryStorage() {
  const values = new Map<string, string>();
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
  };
}

const missingChunk = new TypeError(
  'Failed to fetch dynamically imported module: https://parcours.example/chunk-OLD.js',
);

describe('reloadOnStaleBuild', () => {
  it('recognises a missing lazy chunk, and nothing else', () => {
    expect(isStaleBuildError(missingChunk)).toBe(true);
    expect(isStaleBuildError(new TypeError('Importing a module script failed.'))).toBe(true);
    expect(isStaleBuildError(new Error('Cannot match any routes. URL Segment: nowhere'))).toBe(
      false,
    );
  });

  it('loads the page asked for again, once, when its chunk is gone', () => {
    const storage = memoryStorage();
    const loaded: string[] = [];
    const load = (url: string) => void loaded.push(url);

    expect(reloadOnStaleBuild({ error: missingChunk, url: '/hebergement' }, storage, load)).toBe(
      true,
    );
    expect(loaded).toEqual(['/hebergement']);
    expect(storage.getItem(STALE_BUILD_RELOAD_KEY)).toBe('/hebergement');

    // The new build misses it too: no second reload, the router's error stands.
    expect(reloadOnStaleBuild({ error: missingChunk, url: '/hebergement' }, storage, load)).toBe(
      false,
    );
    expect(loaded).toEqual(['/hebergement']);
  });

  it('leaves other navigation errors to the router', () => {
    const loaded: string[] = [];
    const handled = reloadOnStaleBuild(
      { error: new Error('guard failed'), url: '/tableau' },
      memoryStorage(),
      (url) => void loaded.push(url),
    );
    expect(handled).toBe(false);
    expect(loaded).toEqual([]);
  });
});
