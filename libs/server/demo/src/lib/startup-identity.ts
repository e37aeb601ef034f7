import type { DomainCode, TerritoryCode } from '@parcours/contracts';
import { isValidSiren } from '@parcours/domain';
import { asciiSlug } from './demo-accounts';
import type { SeededRandom } from './random';

/*
 * Word lists from which believable startup names, pitches and tags are drawn. French and
 * English roots mixed, as Normandy startups name themselves.
 */

const NAME_ROOTS = [
  'Kapt',
  'Nav',
  'Flux',
  'Opti',
  'Data',
  'Norma',
  'Cargo',
  'Hydro',
  'Agri',
  'Maré',
  'Quai',
  'Ferro',
  'Lumi',
  'Néo',
  'Cyber',
  'Robo',
  'Vert',
  'Onde',
  'Alti',
  'Sémaph',
  'Estu',
  'Falaise',
  'Granit',
  'Vélo',
  'Hélio',
  'Nautil',
  'Pilot',
  'Dock',
  'Ancr',
  'Bocag',
  'Cidr',
  'Volt',
  'Méta',
  'Senso',
  'Clio',
  'Axio',
  'Terra',
  'Orbi',
  'Pixel',
  'Logi',
  'Atlas',
  'Brume',
  'Cobalt',
  'Sillon',
  'Marin',
  'Koral',
  'Zénith',
  'Tidal',
  'Haven',
  'Forge',
] as const;

const NAME_ENDINGS = [
  'éo',
  'ia',
  'ify',
  'lab',
  'tech',
  'flow',
  'port',
  'line',
  'mind',
  'hub',
  'sense',
  'ware',
  'link',
  'nov',
  'iq',
  'is',
  'up',
  'o',
  'ika',
  'ens',
  'ys',
  'ium',
  'ly',
  'ops',
] as const;

const TWO_WORD_FIRST = [
  'Blue',
  'Green',
  'Smart',
  'Open',
  'Deep',
  'Bright',
  'Cap',
  'Petit',
  'Grand',
  'Nouvelle',
] as const;
const TWO_WORD_SECOND = [
  'Harbor',
  'Seine',
  'Estuaire',
  'Bocage',
  'Falaise',
  'Littoral',
  'Usine',
  'Quartier',
  'Cale',
  'Marée',
  'Phare',
  'Écluse',
] as const;

interface DomainVocabulary {
  tags: readonly string[];
  products: readonly string[];
  customers: readonly string[];
}

const DOMAIN_VOCABULARY: Record<DomainCode, DomainVocabulary> = {
  SMART_CITIES: {
    tags: [
      'mobilité',
      'énergie',
      'e-santé',
      'civic tech',
      'bâtiment intelligent',
      'IoT',
      'open data',
      'tourisme',
      'économie circulaire',
      'éducation',
    ],
    products: [
      'une plateforme de covoiturage domicile-travail',
      'des capteurs de qualité de l’air à bas coût',
      'un jumeau numérique de l’éclairage public',
      'une application de participation citoyenne',
      'un service de téléassistance des seniors à domicile',
      'une solution de pilotage énergétique des bâtiments publics',
      'un outil de réservation des équipements sportifs',
      'une carte interactive des pistes cyclables',
      'une plateforme de collecte des biodéchets',
      'un guide numérique du patrimoine normand',
    ],
    customers: [
      'les collectivités normandes',
      'les bailleurs sociaux',
      'les habitants des métropoles',
      'les offices de tourisme',
      'les établissements de santé',
    ],
  },
  SMART_PORTS_LOGISTICS: {
    tags: [
      'logistique',
      'maritime',
      'supply chain',
      'douane',
      'transport fluvial',
      'entrepôt',
      'traçabilité',
      'HAROPA',
      'conteneurs',
      'décarbonation',
    ],
    products: [
      'un système de suivi des conteneurs en temps réel',
      'une plateforme de réservation de créneaux pour les camions',
      'un logiciel d’optimisation des escales',
      'des balises de traçabilité pour le transport fluvial',
      'un guichet numérique des formalités douanières',
      'un outil de prévision des flux portuaires',
      'une solution de gestion d’entrepôt connectée',
      'un tableau de bord carbone des chaînes logistiques',
      'un service de mutualisation du dernier kilomètre',
      'des drones d’inspection des quais',
    ],
    customers: [
      'les commissionnaires de transport',
      'les armateurs',
      'les opérateurs portuaires de l’axe Seine',
      'les chargeurs industriels',
      'les plateformes logistiques',
    ],
  },
  SMART_INDUSTRIES: {
    tags: [
      'industrie 4.0',
      'maintenance prédictive',
      'jumeau numérique',
      'robotique',
      'cybersécurité',
      'IA',
      'fabrication additive',
      'agroalimentaire',
      'chimie',
      'énergie',
    ],
    products: [
      'une solution de maintenance prédictive par l’IA',
      'des cobots pour les lignes d’assemblage',
      'un jumeau numérique des procédés chimiques',
      'une plateforme de cybersécurité pour les PME industrielles',
      'un logiciel de contrôle qualité par vision',
      'des capteurs vibratoires sans fil',
      'une place de marché des pièces détachées',
      'un outil de planification de production',
      'une solution de traçabilité pour l’agroalimentaire',
      'un service d’impression 3D de pièces métalliques',
    ],
    customers: [
      'les sous-traitants aéronautiques',
      'les usines agroalimentaires',
      'les sites pétrochimiques de la vallée de Seine',
      'les équipementiers automobiles',
      'les PME industrielles normandes',
    ],
  },
};

const WEBSITE_SUFFIXES = ['.fr', '.fr', '.io', '.com', '.tech'] as const;
const LEGAL_FORMS = ['SAS', 'SAS', 'SAS', 'SASU', 'SARL'] as const;

const VOWEL = /[aeiouyéèêàâîôû]/i;

/** Root and ending glued, or '' when two vowels would meet ("Néo" + "éo" reads badly). */
function compound(root: string, ending: string): string {
  return VOWEL.test(root.slice(-1)) && VOWEL.test(ending.charAt(0)) ? '' : `${root}${ending}`;
}

/** Draws unique startup names; case and accents are ignored when checking uniqueness. */
export class StartupNamer {
  private readonly taken = new Set<string>();

  constructor(private readonly random: SeededRandom) {}

  next(): string {
    for (let attempt = 0; attempt < 1_000; attempt += 1) {
      const name = this.random.chance(0.18)
        ? `${this.random.pick(TWO_WORD_FIRST)} ${this.random.pick(TWO_WORD_SECOND)}`
        : compound(this.random.pick(NAME_ROOTS), this.random.pick(NAME_ENDINGS));
      const key = asciiSlug(name, '');
      if (name !== '' && !this.taken.has(key)) {
        this.taken.add(key);
        return name;
      }
    }
    throw new Error('Ran out of startup names: enlarge the word lists');
  }

  /** Reserves a hand-picked name so that generated ones never repeat it. */
  reserve(name: string): string {
    const key = asciiSlug(name, '');
    if (this.taken.has(key)) {
      throw new Error(`Startup name already used: ${name}`);
    }
    this.taken.add(key);
    return name;
  }
}

/** The Luhn check digit that makes `eightDigits` + digit a valid SIREN. */
export function sirenCheckDigit(eightDigits: string): number {
  if (!/^[0-9]{8}$/.test(eightDigits)) {
    throw new Error(`Expected 8 digits, got ${eightDigits}`);
  }
  for (let digit = 0; digit <= 9; digit += 1) {
    if (isValidSiren(`${eightDigits}${digit}`)) {
      return digit;
    }
  }
  throw new Error(`No check digit for ${eightDigits}`);
}

/** Draws unique, valid SIRENs of recently registered companies (they start with 8 or 9). */
export class SirenDrawer {
  private readonly taken = new Set<string>();

  constructor(private readonly random: SeededRandom) {}

  next(): string {
    for (;;) {
      const body = `${this.random.pick(['8', '9'])}${String(this.random.int(0, 9_999_999)).padStart(7, '0')}`;
      const siren = `${body}${sirenCheckDigit(body)}`;
      if (!this.taken.has(siren)) {
        this.taken.add(siren);
        return siren;
      }
    }
  }
}

export interface StartupIdentity {
  name: string;
  legalName: string | null;
  tags: string[];
  description: string;
  website: string | null;
}

/** The public profile of a startup: its pitch, tags and web site, drawn for its domain. */
export function describeStartup(
  random: SeededRandom,
  name: string,
  domain: DomainCode,
  territory: TerritoryCode,
  incorporated: boolean,
): StartupIdentity {
  const vocabulary = DOMAIN_VOCABULARY[domain];
  const product = random.pick(vocabulary.products);
  const customer = random.pick(vocabulary.customers);
  const city = { CAEN: 'Caen', ROUEN: 'Rouen', LE_HAVRE: 'Le Havre' }[territory];
  const description = `${name} développe ${product} pour ${customer}. Équipe basée à ${city}.`;
  const tags = random.sample(vocabulary.tags, random.int(2, 4)).sort();
  const website =
    incorporated && random.chance(0.8)
      ? `https://www.${asciiSlug(name, '')}${random.pick(WEBSITE_SUFFIXES)}`
      : null;
  const legalName = incorporated ? `${name.toUpperCase()} ${random.pick(LEGAL_FORMS)}` : null;
  return { name, legalName, tags, description, website };
}

/** Cities weigh differently in the regional ecosystem, and each has its own bent. */
export const TERRITORY_WEIGHTS: readonly (readonly [TerritoryCode, number])[] = [
  ['ROUEN', 0.4],
  ['CAEN', 0.33],
  ['LE_HAVRE', 0.27],
];

export const DOMAIN_WEIGHTS: Record<TerritoryCode, readonly (readonly [DomainCode, number])[]> = {
  ROUEN: [
    ['SMART_CITIES', 0.35],
    ['SMART_PORTS_LOGISTICS', 0.25],
    ['SMART_INDUSTRIES', 0.4],
  ],
  CAEN: [
    ['SMART_CITIES', 0.5],
    ['SMART_PORTS_LOGISTICS', 0.15],
    ['SMART_INDUSTRIES', 0.35],
  ],
  LE_HAVRE: [
    ['SMART_CITIES', 0.2],
    ['SMART_PORTS_LOGISTICS', 0.6],
    ['SMART_INDUSTRIES', 0.2],
  ],
};
