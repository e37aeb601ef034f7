import type { Role } from '@parcours/contracts';

/** A space of the back-office, and who may open it. */
export interface NavEntry {
  path: string;
  labelKey: string;
  roles: readonly Role[];
}

export const BOARD_ENTRY: NavEntry = {
  path: 'tableau',
  labelKey: 'nav.board',
  roles: ['manager', 'admin'],
};

export const INBOX_ENTRY: NavEntry = {
  path: 'decisions',
  labelKey: 'nav.inbox',
  roles: ['manager', 'admin'],
};

/** The committee's review of applications to programmes. */
export const APPLICATIONS_ENTRY: NavEntry = {
  path: 'candidatures',
  labelKey: 'nav.applications',
  roles: ['manager', 'admin'],
};

/** Nursery hosting: the units and occupancy of the places the person manages. */
export const HOSTING_ENTRY: NavEntry = {
  path: 'hebergement',
  labelKey: 'nav.hosting',
  roles: ['manager', 'admin'],
};

/** In the order they appear in the side navigation. */
export const NAV_ENTRIES: readonly NavEntry[] = [
  BOARD_ENTRY,
  INBOX_ENTRY,
  APPLICATIONS_ENTRY,
  HOSTING_ENTRY,
  { path: 'mentorat', labelKey: 'nav.mentor', roles: ['mentor'] },
  { path: 'ma-startup', labelKey: 'nav.founder', roles: ['founder'] },
  { path: 'financeurs', labelKey: 'nav.funder', roles: ['funder'] },
  { path: 'administration', labelKey: 'nav.admin', roles: ['admin'] },
];

/** Where someone whose roles open no space lands, with a word on whom to ask. */
export const NO_ACCESS_PATH = 'acces';

export function navigationFor(roles: readonly Role[]): NavEntry[] {
  return NAV_ENTRIES.filter((entry) => entry.roles.some((role) => roles.includes(role)));
}

/** The first space of the person's navigation: managers land on the board, mentors on theirs. */
export function landingPathFor(roles: readonly Role[]): string {
  return navigationFor(roles)[0]?.path ?? NO_ACCESS_PATH;
}
