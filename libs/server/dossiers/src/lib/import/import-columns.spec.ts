import {
  importTemplateCsv,
  mapHeader,
  normaliseHeader,
  validateImportRow,
  type ImportColumns,
} from './import-columns';
import { detectDelimiter } from './startup-import.service';

const columnsOf = (headers: string[]): ImportColumns => {
  const mapped = mapHeader(headers);
  if ('errors' in mapped) throw new Error(JSON.stringify(mapped.errors));
  return mapped.columns;
};

describe('import header', () => {
  it('matches French and English names without case, accents or punctuation', () => {
    expect(normaliseHeader('\uFEFFDate de création')).toBe('date_de_creation');
    expect(normaliseHeader(' Site Web ')).toBe('site_web');
    expect(normaliseHeader('Étape')).toBe('etape');
    const columns = columnsOf(['Nom', 'Domaine', 'Territory', 'Legal name', 'SIREN']);
    expect(columns.name).toEqual({ index: 0, name: 'Nom' });
    expect(columns.territory).toEqual({ index: 2, name: 'Territory' });
    expect(columns.legalName?.index).toBe(3);
    expect(columns.siren).toEqual({ index: 4, name: 'SIREN' });
  });

  it('names every unknown, repeated and missing column', () => {
    expect(mapHeader(['name', 'nom', 'pays', ''])).toEqual({
      errors: [
        { path: 'nom', message: 'a second column for nom' },
        { path: 'pays', message: 'unknown column' },
        { path: 'domaine', message: 'required column missing' },
        { path: 'territoire', message: 'required column missing' },
      ],
    });
  });

  it('reads the delimiter from the header line', () => {
    expect(detectDelimiter('nom;domaine;territoire')).toBe(';');
    expect(detectDelimiter('name,domain,territory')).toBe(',');
    expect(detectDelimiter('"nom, court";domaine')).toBe(';');
  });
});

describe('import row', () => {
  const columns = columnsOf([
    'nom',
    'siren',
    'domaine',
    'territoire',
    'date_creation',
    'etape',
    'etiquettes',
    'site_web',
  ]);
  const row = (values: Partial<Record<string, string>>) =>
    validateImportRow(
      [
        values['nom'] ?? 'Atelier Bleu',
        values['siren'] ?? '',
        values['domaine'] ?? 'SMART_CITIES',
        values['territoire'] ?? 'CAEN',
        values['date_creation'] ?? '',
        values['etape'] ?? '',
        values['etiquettes'] ?? '',
        values['site_web'] ?? '',
      ],
      columns,
      '2026-11-26',
    );

  it('reads a valid row with the same defaults as POST /startups', () => {
    expect(
      row({
        siren: '732 829 320',
        domaine: 'smart ports logistics',
        territoire: 'Le Havre',
        date_creation: '01/03/2024',
        etiquettes: 'ia| port |',
      }),
    ).toEqual({
      startup: {
        name: 'Atelier Bleu',
        legalName: null,
        siren: '732829320',
        domain: 'SMART_PORTS_LOGISTICS',
        territory: 'LE_HAVRE',
        foundedOn: '2024-03-01',
        stage: 'DETECTION',
        tags: ['ia', 'port'],
        description: null,
        website: null,
      },
    });
  });

  it('lists every error of a row, each naming its column', () => {
    expect(
      row({
        nom: ' ',
        siren: '732829321',
        domaine: 'AGRICULTURE',
        territoire: 'PARIS',
        date_creation: '2027-01-01',
        etape: 'ACCELERATION',
        site_web: 'javascript:alert(1)',
      }),
    ).toEqual({
      errors: [
        { path: 'nom', message: 'required' },
        { path: 'siren', message: 'must be 9 digits with a valid check digit' },
        { path: 'domaine', message: expect.stringContaining('SMART_CITIES') },
        { path: 'territoire', message: expect.stringContaining('LE_HAVRE') },
        { path: 'date_creation', message: 'cannot be in the future' },
        { path: 'etape', message: expect.stringContaining('NURSERY') },
        { path: 'site_web', message: expect.stringContaining('http') },
      ],
    });
    expect(row({ date_creation: '2023-02-29' })).toEqual({
      errors: [{ path: 'date_creation', message: expect.stringContaining('YYYY-MM-DD') }],
    });
  });

  it('offers a template whose example row is valid', () => {
    const [header, example] = importTemplateCsv()
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const result = validateImportRow(example.split(';'), columnsOf(header.split(';')));
    expect('startup' in result).toBe(true);
  });
});
