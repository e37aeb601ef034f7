import { demoId } from './demo-id';

/** The e-mail domain of the accounts that sign in with DEMO_PASSWORD (SPEC §6). */
export const DEMO_EMAIL_DOMAIN = 'demo.parcours.test';

export const DEMO_ACCOUNT_KEYS = [
  'admin',
  'manager.rouen',
  'manager.caen',
  'manager.lehavre',
  'manager.ffwd',
  'mentor',
  'founder',
  'funder',
] as const;
export type DemoAccountKey = (typeof DEMO_ACCOUNT_KEYS)[number];

export interface DemoUser {
  id: string;
  email: string;
  displayName: string;
  /** Whether the user signs in with the demo password; the others are people without access. */
  signsIn: boolean;
}

const DISPLAY_NAMES: Record<DemoAccountKey, string> = {
  admin: 'Hélène Marchand',
  'manager.rouen': 'Julien Lecoq',
  'manager.caen': 'Sophie Lemonnier',
  'manager.lehavre': 'Thomas Duval',
  'manager.ffwd': 'Nadia Benali',
  mentor: 'Pierre-Yves Gosselin',
  founder: 'Léa Fontaine',
  funder: 'Isabelle Renaud',
};

export const DEMO_ACCOUNTS: Record<DemoAccountKey, DemoUser> = Object.fromEntries(
  DEMO_ACCOUNT_KEYS.map((key) => [
    key,
    {
      id: demoId('user', key),
      email: `${key}@${DEMO_EMAIL_DOMAIN}`,
      displayName: DISPLAY_NAMES[key],
      signsIn: true,
    },
  ]),
) as Record<DemoAccountKey, DemoUser>;

/** Lower-case ASCII, for e-mail addresses and web sites built from French names. */
export function asciiSlug(text: string, separator = '-'): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^\\${separator}+|\\${separator}+$`, 'g'), '');
}

/** A person of the ecosystem without access to the demo: e-mail at exemple.fr, no password. */
export function ecosystemPerson(key: string, displayName: string): DemoUser {
  return {
    id: demoId('user', key),
    email: `${asciiSlug(displayName, '.')}@exemple.fr`,
    displayName,
    signsIn: false,
  };
}

/** Staff of the detection programmes, who take the decisions of their stage. */
export const DETECTION_MANAGERS = {
  CAEN: ecosystemPerson('detection.caen', 'Camille Lefèvre'),
  ROUEN: ecosystemPerson('detection.rouen', 'Antoine Girard'),
  LE_HAVRE: ecosystemPerson('detection.lehavre', 'Manon Leroux'),
} as const;

/** Mentors of the accelerator besides the demo mentor. */
export const EXTRA_MENTORS: readonly DemoUser[] = [
  ecosystemPerson('mentor.1', 'François Letellier'),
  ecosystemPerson('mentor.2', 'Aurélie Vasseur'),
  ecosystemPerson('mentor.3', 'Karim Haddad'),
  ecosystemPerson('mentor.4', 'Nathalie Hébert'),
  ecosystemPerson('mentor.5', 'Olivier Lebrun'),
];

/** Founders besides the demo founder, linked to startups of the demo. */
export const EXTRA_FOUNDERS: readonly DemoUser[] = [
  ecosystemPerson('founder.1', 'Maxime Leconte'),
  ecosystemPerson('founder.2', 'Chloé Deschamps'),
  ecosystemPerson('founder.3', 'Yanis Mercier'),
  ecosystemPerson('founder.4', 'Pauline Grenier'),
  ecosystemPerson('founder.5', 'Hugo Lemaître'),
  ecosystemPerson('founder.6', 'Inès Boudjema'),
  ecosystemPerson('founder.7', 'Baptiste Quesnel'),
  ecosystemPerson('founder.8', 'Emma Legrand'),
  ecosystemPerson('founder.9', 'Rémi Savary'),
  ecosystemPerson('founder.10', 'Sarah Lemarchand'),
];
