import { DOMAINS, TERRITORIES, type DomainCode, type TerritoryCode } from '@parcours/contracts';
import { isValidSiren } from '@parcours/domain';
import type { ProblemFieldError } from '@parcours/server-http';
import { CREATION_STAGES, type NewStartup } from '../startups.service';

/** A field of the import file, with the header names accepted for it (French and English). */
export interface ImportColumn {
  field: ImportField;
  /** The header of the downloadable template. */
  header: string;
  /** Every accepted header, normalised (see normaliseHeader). */
  accepts: readonly string[];
  required: boolean;
}

export type ImportField =
  | 'name'
  | 'legalName'
  | 'siren'
  | 'domain'
  | 'territory'
  | 'foundedOn'
  | 'stage'
  | 'tags'
  | 'description'
  | 'website';

/**
 * The columns of `POST /startups/import`, in the template's order. Headers are matched without
 * case, accents, spaces or punctuation ("Date de création" = `date_de_creation`), in French or
 * English; codes are those of the `/startups` filters.
 */
export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { field: 'name', header: 'nom', accepts: ['nom', 'name'], required: true },
  {
    field: 'legalName',
    header: 'raison_sociale',
    accepts: ['raison_sociale', 'legal_name'],
    required: false,
  },
  { field: 'siren', header: 'siren', accepts: ['siren'], required: false },
  { field: 'domain', header: 'domaine', accepts: ['domaine', 'filiere', 'domain'], required: true },
  {
    field: 'territory',
    header: 'territoire',
    accepts: ['territoire', 'territory'],
    required: true,
  },
  {
    field: 'foundedOn',
    header: 'date_creation',
    accepts: ['date_creation', 'date_de_creation', 'founded_on'],
    required: false,
  },
  { field: 'stage', header: 'etape', accepts: ['etape', 'stage'], required: false },
  { field: 'tags', header: 'etiquettes', accepts: ['etiquettes', 'tags'], required: false },
  { field: 'description', header: 'description', accepts: ['description'], required: false },
  {
    field: 'website',
    header: 'site_web',
    accepts: ['site_web', 'site_internet', 'website'],
    required: false,
  },
];

/** Where each field is in the file, and the header the file gives it (errors name that). */
export type ImportColumns = Partial<Record<ImportField, { index: number; name: string }>>;

/** Tags within one cell are separated by `|`. */
export const TAG_SEPARATOR = '|';

/** Lower case, no accents, no BOM, runs of anything else than letters and digits as `_`. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Column index of each field present; a header that names nothing known is an error. */
export function mapHeader(
  headers: readonly string[],
): { columns: ImportColumns } | { errors: ProblemFieldError[] } {
  const columns: ImportColumns = {};
  const errors: ProblemFieldError[] = [];
  headers.forEach((raw, index) => {
    const name = normaliseHeader(raw);
    if (name === '') return;
    const column = IMPORT_COLUMNS.find((candidate) => candidate.accepts.includes(name));
    if (!column) {
      errors.push({ path: raw, message: 'unknown column' });
    } else if (columns[column.field] !== undefined) {
      errors.push({ path: raw, message: `a second column for ${column.header}` });
    } else {
      columns[column.field] = { index, name: raw.replace(/^\uFEFF/, '').trim() };
    }
  });
  for (const column of IMPORT_COLUMNS) {
    if (column.required && columns[column.field] === undefined) {
      errors.push({ path: column.header, message: 'required column missing' });
    }
  }
  return errors.length > 0 ? { errors } : { columns };
}

const codeOf = (value: string) =>
  value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

/** `YYYY-MM-DD` or the French `DD/MM/YYYY`, as an ISO date if it exists. */
function parseDate(value: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const french = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  const [year, month, day] = iso
    ? [iso[1], iso[2], iso[3]]
    : french
      ? [french[3], french[2], french[1]]
      : [];
  if (!year) return null;
  const text = `${year}-${month}-${day}`;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text ? text : null;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/**
 * One data row as a new startup, with the same rules as `POST /startups` (SIREN check digit,
 * codes, creation stages, lengths), or every error of the row, each naming its column.
 */
export function validateImportRow(
  cells: readonly string[],
  columns: ImportColumns,
  today = new Date().toISOString().slice(0, 10),
): { startup: NewStartup } | { errors: ProblemFieldError[] } {
  const errors: ProblemFieldError[] = [];
  const cell = (field: ImportField): string => {
    const column = columns[field];
    return column === undefined ? '' : (cells[column.index] ?? '').trim();
  };
  const fail = (field: ImportField, message: string) =>
    errors.push({ path: columns[field]?.name ?? field, message });

  const name = cell('name');
  if (name === '') fail('name', 'required');
  else if (name.length > 200) fail('name', 'at most 200 characters');

  const legalName = cell('legalName') || null;
  if (legalName && legalName.length > 300) fail('legalName', 'at most 300 characters');

  const siren = cell('siren').replace(/[\s.]/g, '') || null;
  if (siren && !isValidSiren(siren)) fail('siren', 'must be 9 digits with a valid check digit');

  const domain = codeOf(cell('domain'));
  if (domain === '') fail('domain', 'required');
  else if (!(DOMAINS as readonly string[]).includes(domain))
    fail('domain', `must be one of ${DOMAINS.join(', ')}`);

  const territory = codeOf(cell('territory'));
  if (territory === '') fail('territory', 'required');
  else if (!(TERRITORIES as readonly string[]).includes(territory))
    fail('territory', `must be one of ${TERRITORIES.join(', ')}`);

  let foundedOn: string | null = null;
  if (cell('foundedOn') !== '') {
    foundedOn = parseDate(cell('foundedOn'));
    if (!foundedOn) fail('foundedOn', 'must be a date, YYYY-MM-DD or DD/MM/YYYY');
    else if (foundedOn > today) fail('foundedOn', 'cannot be in the future');
  }

  const stage = codeOf(cell('stage')) || 'DETECTION';
  if (!(CREATION_STAGES as readonly string[]).includes(stage)) {
    fail('stage', 'must be DETECTION, INCUBATION or NURSERY; later stages are reached by a move');
  }

  const tags = cell('tags')
    .split(TAG_SEPARATOR)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
  if (tags.length > 30) fail('tags', 'at most 30 tags');
  if (tags.some((tag) => tag.length > 50)) fail('tags', 'each tag at most 50 characters');

  const description = cell('description') || null;
  if (description && description.length > 5000) fail('description', 'at most 5000 characters');

  const website = cell('website') || null;
  if (website && (website.length > 500 || !isHttpUrl(website))) {
    fail('website', 'must be an http(s) URL of at most 500 characters');
  }

  if (errors.length > 0) return { errors };
  return {
    startup: {
      name,
      legalName,
      siren,
      domain: domain as DomainCode,
      territory: territory as TerritoryCode,
      foundedOn,
      stage: stage as (typeof CREATION_STAGES)[number],
      tags,
      description,
      website,
    },
  };
}

/** The downloadable template: the header row and one example row, `;`-separated, with a BOM. */
export function importTemplateCsv(): string {
  const example: Record<ImportField, string> = {
    name: 'Port Data Lab',
    legalName: 'Port Data Lab SAS',
    siren: '732829320',
    domain: 'SMART_PORTS_LOGISTICS',
    territory: 'LE_HAVRE',
    foundedOn: '2024-03-01',
    stage: 'DETECTION',
    tags: 'logistique|données',
    description: 'Jumeau numérique des terminaux portuaires',
    website: 'https://portdatalab.example.fr',
  };
  const header = IMPORT_COLUMNS.map((column) => column.header).join(';');
  const row = IMPORT_COLUMNS.map((column) => example[column.field]).join(';');
  return `\uFEFF${header}\r\n${row}\r\n`;
}
