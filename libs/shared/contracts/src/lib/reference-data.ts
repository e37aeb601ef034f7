/** Territory codes, as used by the `/startups` filters, analytics filters and exports. */
export const TERRITORIES = ['CAEN', 'ROUEN', 'LE_HAVRE'] as const;
export type TerritoryCode = (typeof TERRITORIES)[number];

/** Domain codes (filières). */
export const DOMAINS = ['SMART_CITIES', 'SMART_PORTS_LOGISTICS', 'SMART_INDUSTRIES'] as const;
export type DomainCode = (typeof DOMAINS)[number];

export const STRUCTURE_KINDS = [
  'DETECTION_PROGRAMME',
  'INCUBATOR',
  'NURSERY',
  'ACCELERATOR',
  'INTERNATIONALISATION_PROGRAMME',
  'FUNDER',
] as const;
export type StructureKind = (typeof STRUCTURE_KINDS)[number];

export const PROGRAMME_MODES = ['ROLLING', 'COHORT'] as const;
export type ProgrammeMode = (typeof PROGRAMME_MODES)[number];
