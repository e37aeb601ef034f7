import type { Locator, Page } from 'playwright-core';

/** Polls until `read()` gives a value that `accept` takes, or fails saying what it last saw. */
export async function until<T>(
  what: string,
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `${what}: still not there after ${timeoutMs} ms; last seen ${JSON.stringify(value)}`,
      );
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}

export const signInForm = (page: Page) => ({
  heading: page.getByRole('heading', { level: 1 }),
  email: page.getByRole('textbox', { name: /^(Adresse e-mail|E-mail address)$/ }),
  password: page.getByLabel(/^(Mot de passe|Password)$/),
  submit: page.getByRole('button', { name: /^(Se connecter|Sign in)$/ }),
  alert: page.getByRole('alert'),
});

/** Signs in the way a person does, by filling in the form and pressing the button. */
export async function signInWithForm(page: Page, email: string, password: string): Promise<void> {
  const form = signInForm(page);
  await form.email.fill(email);
  await form.password.fill(password);
  await form.submit.click();
}

export interface BoardColumn {
  title: string;
  /** The count in the column heading as a screen reader reads it, digits only; null if absent. */
  count: string | null;
  cards: number;
}

export const boardColumnsRegion = (page: Page): Locator =>
  page.getByRole('region', {
    name: /^(Colonnes du tableau, une par étape|Board columns, one per stage)$/,
  });

/**
 * The columns as a person reads them: the heading of each ("Pépinière (34 startups)") and the
 * startup cards listed under it. Accessible names come from Playwright's ARIA snapshot, which is
 * what assistive technologies are given, so a count hidden from them does not count.
 */
export async function readBoardColumns(page: Page): Promise<BoardColumn[]> {
  const columns = await boardColumnsRegion(page).getByRole('region').all();
  return Promise.all(
    columns.map(async (column) => {
      const snapshot = await column.getByRole('heading', { level: 2 }).ariaSnapshot();
      const name = /heading "(.*)" \[level=2\]/.exec(snapshot)?.[1] ?? snapshot;
      const withCount = /^(.+?) \(([^()]+) startups?\)$/.exec(name);
      return {
        title: withCount?.[1] ?? name,
        count: withCount?.[2] ? withCount[2].replace(/[\s\u202f\u00a0]/g, '') : null,
        cards: await column.getByRole('article').count(),
      };
    }),
  );
}

/** Waits for the five columns with a count each, the first page of cards under them loaded. */
export async function waitForLoadedBoard(page: Page): Promise<BoardColumn[]> {
  return until(
    'the board with its five counted columns',
    () => readBoardColumns(page),
    (columns) =>
      columns.length === 5 &&
      columns.every(
        (column) => column.count !== null && (column.cards > 0 || column.count === '0'),
      ),
  );
}

export const countsOf = (columns: BoardColumn[]) => columns.map((column) => Number(column.count));
