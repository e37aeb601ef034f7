import type {
  ChecklistTemplateItem,
  PipelineStage,
  ProgrammeMode,
  StructureKind,
  TerritoryCode,
} from '@parcours/contracts';
import { demoId } from './demo-id';

/*
 * The reference data of the demo: the places, structures, programmes and cohorts of the Normandy
 * French Tech programme (names from its 2015 bid), and the accounts of SPEC §6. Pure data, so
 * that the history generator and the tests read the same catalogue the seed writes.
 */

export const DEMO_TERRITORIES: readonly { code: TerritoryCode; name: string }[] = [
  { code: 'CAEN', name: 'Caen' },
  { code: 'ROUEN', name: 'Rouen' },
  { code: 'LE_HAVRE', name: 'Le Havre' },
];

export interface DemoPlace {
  id: string;
  territory: TerritoryCode;
  name: string;
  address: string | null;
  kind: string;
}

export interface DemoStructure {
  id: string;
  name: string;
  kind: StructureKind;
  territory: TerritoryCode | null;
  placeId: string | null;
}

export interface DemoProgramme {
  id: string;
  structureId: string;
  name: string;
  stage: PipelineStage;
  mode: ProgrammeMode;
  capacity: number | null;
  reviewIntervalDays: number;
  timeInStageLimitDays: number | null;
  allowsDirectEntry: boolean;
  checklistTemplate: ChecklistTemplateItem[];
  targets: Record<string, number>;
}

export interface DemoCohort {
  id: string;
  programmeId: string;
  /** 1 for the first cohort of the demo's three years. */
  number: number;
  name: string;
  startsOn: string;
  endsOn: string;
  capacity: number;
  /** The morning of `startsOn`, when the cohort's startups enter the accelerator. */
  startsAt: Date;
  endsAt: Date;
}

/** The bâtiments totem named by the bid: one per city. */
export const DEMO_PLACES: Record<TerritoryCode, DemoPlace> = {
  ROUEN: {
    id: demoId('place', 'ROUEN'),
    territory: 'ROUEN',
    name: 'Seine Innopolis',
    address: '72 rue de la République, 76140 Le Petit-Quevilly',
    kind: 'FLAGSHIP_BUILDING',
  },
  CAEN: {
    id: demoId('place', 'CAEN'),
    territory: 'CAEN',
    name: "Maison de la Recherche et de l'Imagination",
    address: '3 esplanade Stéphane Hessel, 14000 Caen',
    kind: 'FLAGSHIP_BUILDING',
  },
  LE_HAVRE: {
    id: demoId('place', 'LE_HAVRE'),
    territory: 'LE_HAVRE',
    name: 'Cité numérique du Havre (ex-Cantine numérique)',
    address: '76600 Le Havre',
    kind: 'FLAGSHIP_BUILDING',
  },
};

const CITY_LABEL: Record<TerritoryCode, { of: string; at: string }> = {
  CAEN: { of: 'de Caen', at: 'Caen' },
  ROUEN: { of: 'de Rouen', at: 'Rouen' },
  LE_HAVRE: { of: 'du Havre', at: 'Le Havre' },
};

const NURSERY_NAME: Record<TerritoryCode, string> = {
  ROUEN: 'Pépinière Seine Innopolis',
  CAEN: "Pépinière de la Maison de la Recherche et de l'Imagination",
  LE_HAVRE: 'Pépinière de la Cité numérique',
};

export interface CityStructures {
  detection: DemoStructure;
  incubator: DemoStructure;
  nursery: DemoStructure;
}

function cityStructures(territory: TerritoryCode): CityStructures {
  const place = DEMO_PLACES[territory];
  const city = CITY_LABEL[territory];
  return {
    detection: {
      id: demoId('structure', 'DETECTION', territory),
      name: `Détection de talents — ${city.at}`,
      kind: 'DETECTION_PROGRAMME',
      territory,
      placeId: place.id,
    },
    incubator: {
      id: demoId('structure', 'INCUBATOR', territory),
      name: `Incubateur numérique ${city.of}`,
      kind: 'INCUBATOR',
      territory,
      placeId: place.id,
    },
    nursery: {
      id: demoId('structure', 'NURSERY', territory),
      name: NURSERY_NAME[territory],
      kind: 'NURSERY',
      territory,
      placeId: place.id,
    },
  };
}

export const CITY_STRUCTURES: Record<TerritoryCode, CityStructures> = {
  CAEN: cityStructures('CAEN'),
  ROUEN: cityStructures('ROUEN'),
  LE_HAVRE: cityStructures('LE_HAVRE'),
};

/** The FFWD-style accelerator of the bid, regional: it serves the three cities. */
export const ACCELERATOR: DemoStructure = {
  id: demoId('structure', 'ACCELERATOR'),
  name: 'FFWD Normandie',
  kind: 'ACCELERATOR',
  territory: null,
  placeId: null,
};

/** "Digital Seine Gateway": the bid's international extension of the Seine axis. */
export const INTERNATIONALISATION: DemoStructure = {
  id: demoId('structure', 'INTERNATIONALISATION'),
  name: 'Digital Seine Gateway',
  kind: 'INTERNATIONALISATION_PROGRAMME',
  territory: null,
  placeId: null,
};

export const FUNDERS: readonly DemoStructure[] = (
  [
    ['Région Normandie', null],
    ['CCI Normandie', null],
    ['Bpifrance Normandie', null],
    ['Métropole Rouen Normandie', 'ROUEN'],
    ['Caen la mer', 'CAEN'],
    ['Le Havre Seine Métropole', 'LE_HAVRE'],
  ] as const
).map(([name, territory]) => ({
  id: demoId('structure', 'FUNDER', name),
  name,
  kind: 'FUNDER' as const,
  territory,
  placeId: null,
}));

export const DEMO_STRUCTURES: readonly DemoStructure[] = [
  ...Object.values(CITY_STRUCTURES).flatMap((city) => [
    city.detection,
    city.incubator,
    city.nursery,
  ]),
  ACCELERATOR,
  INTERNATIONALISATION,
  ...FUNDERS,
];

const item = (key: string, title: string, required = true): ChecklistTemplateItem => ({
  key,
  title,
  required,
});

const DETECTION_CHECKLIST = [
  item('fiche-projet', 'Fiche projet complétée'),
  item('entretien-detection', 'Entretien de détection réalisé'),
  item('equipe-fondatrice', 'Équipe fondatrice identifiée'),
  item('digital-day', 'Pitch à un Digital-DAY Meeting', false),
];

const INCUBATION_CHECKLIST = [
  item('convention-incubation', "Convention d'incubation signée"),
  item('etude-marche', 'Étude de marché'),
  item('business-plan', 'Business plan validé'),
  item('pitch-deck', 'Pitch deck'),
  item('prototype', 'Prototype ou MVP présenté', false),
];

const NURSERY_CHECKLIST = [
  item('convention-hebergement', "Convention d'hébergement signée"),
  item('kbis', 'Kbis de moins de trois mois'),
  item('plan-financement', 'Plan de financement'),
  item('attestation-assurance', "Attestation d'assurance responsabilité civile"),
];

const ACCELERATION_CHECKLIST = [
  item('convention-acceleration', "Convention d'accélération signée"),
  item('pitch-deck', 'Pitch deck'),
  item('plan-financement', 'Plan de financement à 18 mois'),
  item('objectifs-acceleration', "Objectifs d'accélération (OKR) définis"),
  item('demo-day', 'Présentation au Demo Day', false),
];

const INTERNATIONALISATION_CHECKLIST = [
  item('plan-export', 'Plan export validé'),
  item('etude-marche-international', 'Étude de marché international'),
  item('salon-international', 'Salon international préparé (CES, MWC, Hannover Messe…)'),
  item('assurance-prospection', 'Dossier Assurance prospection Bpifrance', false),
];

/**
 * The published targets of the bid (3 and 10 years). Kept on the accelerator programme only,
 * the flagship of the unified programme, so that summing targets over programmes never counts
 * them twice. Keys follow the figures of `/analytics/kpis`.
 */
export const PUBLISHED_TARGETS: Readonly<Record<string, number>> = {
  startupsAccelerated3y: 25,
  newStartups3y: 150,
  startupsHosted3y: 100,
  techChampions3y: 3,
  jobsCreated3y: 1_000,
  startupsAccelerated10y: 150,
  newStartups10y: 600,
  startupsHosted10y: 400,
  techChampions10y: 10,
  jobsCreated10y: 10_000,
};

/** The bid's trade-show goal: Normandy companies at international shows each year. */
export const TRADE_SHOW_TARGETS: Readonly<Record<string, number>> = {
  tradeShowCompaniesPerYear3y: 20,
  tradeShowCompaniesPerYear10y: 50,
};

export const COHORT_CAPACITY = 12;

/** Places per city, Seine Innopolis being the largest of the three buildings. */
const CITY_CAPACITY: Record<TerritoryCode, { incubation: number; nursery: number }> = {
  ROUEN: { incubation: 40, nursery: 50 },
  CAEN: { incubation: 35, nursery: 40 },
  LE_HAVRE: { incubation: 30, nursery: 35 },
};

function cityProgrammes(
  territory: TerritoryCode,
): Record<'detection' | 'incubation' | 'nursery', DemoProgramme> {
  const structures = CITY_STRUCTURES[territory];
  const city = CITY_LABEL[territory];
  return {
    detection: {
      id: demoId('programme', 'DETECTION', territory),
      structureId: structures.detection.id,
      name: `Détection de talents ${city.of} (Digital-DAY Meetings)`,
      stage: 'DETECTION',
      mode: 'ROLLING',
      capacity: null,
      reviewIntervalDays: 30,
      timeInStageLimitDays: 180,
      allowsDirectEntry: false,
      checklistTemplate: DETECTION_CHECKLIST,
      targets: {},
    },
    incubation: {
      id: demoId('programme', 'INCUBATION', territory),
      structureId: structures.incubator.id,
      name: `Programme d'incubation ${city.of}`,
      stage: 'INCUBATION',
      mode: 'ROLLING',
      capacity: CITY_CAPACITY[territory].incubation,
      reviewIntervalDays: 60,
      timeInStageLimitDays: 540,
      allowsDirectEntry: false,
      checklistTemplate: INCUBATION_CHECKLIST,
      targets: {},
    },
    nursery: {
      id: demoId('programme', 'NURSERY', territory),
      structureId: structures.nursery.id,
      name: `Hébergement en pépinière ${city.of}`,
      stage: 'NURSERY',
      mode: 'ROLLING',
      capacity: CITY_CAPACITY[territory].nursery,
      reviewIntervalDays: 90,
      timeInStageLimitDays: 1095,
      allowsDirectEntry: false,
      checklistTemplate: NURSERY_CHECKLIST,
      targets: {},
    },
  };
}

export const CITY_PROGRAMMES: Record<TerritoryCode, ReturnType<typeof cityProgrammes>> = {
  CAEN: cityProgrammes('CAEN'),
  ROUEN: cityProgrammes('ROUEN'),
  LE_HAVRE: cityProgrammes('LE_HAVRE'),
};

/** Cohort-based, and the one programme a startup may enter by skipping stages. */
export const ACCELERATOR_PROGRAMME: DemoProgramme = {
  id: demoId('programme', 'ACCELERATION'),
  structureId: ACCELERATOR.id,
  name: 'Accélérateur FFWD Normandie',
  stage: 'ACCELERATION',
  mode: 'COHORT',
  // A cohort's last graduations may still be pending when the next cohort starts.
  capacity: COHORT_CAPACITY * 2,
  reviewIntervalDays: 30,
  timeInStageLimitDays: 180,
  allowsDirectEntry: true,
  checklistTemplate: ACCELERATION_CHECKLIST,
  targets: { ...PUBLISHED_TARGETS },
};

export const INTERNATIONALISATION_PROGRAMME: DemoProgramme = {
  id: demoId('programme', 'INTERNATIONALISATION'),
  structureId: INTERNATIONALISATION.id,
  name: 'Digital Seine Gateway — export et salons internationaux',
  stage: 'INTERNATIONALISATION',
  mode: 'ROLLING',
  capacity: 20,
  reviewIntervalDays: 90,
  timeInStageLimitDays: 365,
  allowsDirectEntry: false,
  checklistTemplate: INTERNATIONALISATION_CHECKLIST,
  targets: { ...TRADE_SHOW_TARGETS },
};

export const DEMO_PROGRAMMES: readonly DemoProgramme[] = [
  ...Object.values(CITY_PROGRAMMES).flatMap((city) => [
    city.detection,
    city.incubation,
    city.nursery,
  ]),
  ACCELERATOR_PROGRAMME,
  INTERNATIONALISATION_PROGRAMME,
];

/** The programme that runs a pipeline stage for a startup of a territory. */
export function programmeFor(stage: PipelineStage, territory: TerritoryCode): DemoProgramme {
  switch (stage) {
    case 'DETECTION':
      return CITY_PROGRAMMES[territory].detection;
    case 'INCUBATION':
      return CITY_PROGRAMMES[territory].incubation;
    case 'NURSERY':
      return CITY_PROGRAMMES[territory].nursery;
    case 'ACCELERATION':
      return ACCELERATOR_PROGRAMME;
    case 'INTERNATIONALISATION':
      return INTERNATIONALISATION_PROGRAMME;
  }
}

export function structureById(id: string): DemoStructure {
  const structure = DEMO_STRUCTURES.find((candidate) => candidate.id === id);
  if (!structure) {
    throw new Error(`No demo structure ${id}`);
  }
  return structure;
}

const DAY_MS = 86_400_000;

/** A calendar day (UTC) as YYYY-MM-DD. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

export function daysBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / DAY_MS;
}

/** Cohorts start in spring and autumn (mid-March, mid-September) and last 25 weeks. */
const COHORT_SEASONS = [
  { month: 2, day: 16, label: 'printemps' },
  { month: 8, day: 14, label: 'automne' },
] as const;
const COHORT_LENGTH_DAYS = 175;
/** 08:00 UTC, 09:00 or 10:00 in Normandy: when a cohort's first morning begins. */
const COHORT_START_HOUR_UTC = 8;

/**
 * The accelerator's cohorts, two a year, from the first that starts inside the demo's window to
 * the first that has not started yet at `now` (the one pending applications aim at). Numbered
 * from 1, so the names read "FFWD #1 — printemps 2024" for a window opening in late 2023.
 */
export function acceleratorCohorts(windowStart: Date, now: Date): DemoCohort[] {
  const cohorts: DemoCohort[] = [];
  for (let year = windowStart.getUTCFullYear(); year <= now.getUTCFullYear() + 1; year += 1) {
    for (const season of COHORT_SEASONS) {
      const startsAt = new Date(
        Date.UTC(year, season.month, season.day, COHORT_START_HOUR_UTC, 0, 0),
      );
      if (startsAt < windowStart) {
        continue;
      }
      if (cohorts.length > 0 && cohorts[cohorts.length - 1].startsAt > now) {
        return cohorts;
      }
      const number = cohorts.length + 1;
      const endsAt = addDays(startsAt, COHORT_LENGTH_DAYS);
      cohorts.push({
        id: demoId('cohort', 'FFWD', isoDay(startsAt)),
        programmeId: ACCELERATOR_PROGRAMME.id,
        number,
        name: `FFWD #${number} — ${season.label} ${year}`,
        startsOn: isoDay(startsAt),
        endsOn: isoDay(endsAt),
        capacity: COHORT_CAPACITY,
        startsAt,
        endsAt,
      });
    }
  }
  return cohorts;
}
