import { HttpEventType, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoService } from '@jsverse/transloco';
import { translocoForTests } from '@parcours/backoffice-data-access/testing';
import type { StartupImportReport } from '@parcours/contracts';
import type { RoleGrant, StructureView } from '@parcours/contracts';
import { IMPORT_TEMPLATE_FILE_NAME, StartupImportPage, importTargets } from './startup-import-page';

const structure = (id: string, name: string): StructureView => ({
  id,
  name,
  kind: 'INCUBATOR',
  territory: 'ROUEN',
  placeId: null,
  version: 1,
});
const ROUEN_INCUBATOR = structure('s-incubator', 'Incubateur Rouen');
const ROUEN_NURSERY = structure('s-nursery', 'Pépinière Rouen');
const CAEN_INCUBATOR = structure('s-caen', 'Incubateur Caen');

describe('importTargets', () => {
  const all = [ROUEN_INCUBATOR, ROUEN_NURSERY, CAEN_INCUBATOR];
  const manager = (scopeId: string): RoleGrant => ({
    role: 'manager',
    scope: 'STRUCTURE',
    scopeId,
  });

  it('offers a manager the structures they manage, and only those', () => {
    expect(importTargets(all, [manager('s-incubator'), manager('s-nursery')])).toEqual([
      ROUEN_INCUBATOR,
      ROUEN_NURSERY,
    ]);
    expect(importTargets(all, [{ role: 'mentor', scope: 'STARTUP', scopeId: 's-caen' }])).toEqual(
      [],
    );
  });

  it('offers an admin every structure', () => {
    expect(importTargets(all, [{ role: 'admin', scope: 'GLOBAL', scopeId: null }])).toEqual(all);
  });
});

const CSV = 'nom;domaine;territoire\nPortflow;SMART_PORTS_LOGISTICS;LE_HAVRE\n';

describe('StartupImportPage', () => {
  let fixture: ComponentFixture<StartupImportPage>;
  let http: HttpTestingController;
  const element = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const text = (selector: string): string =>
    element().querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    fixture.detectChanges();
  }

  async function choose(file: File): Promise<void> {
    const input = element().querySelector<HTMLInputElement>('input[type=file]');
    if (!input) throw new Error('no file input');
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
    await settle();
  }

  async function submit(): Promise<void> {
    element().querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    await settle();
  }

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [StartupImportPage, translocoForTests('fr')],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(StartupImportPage);
    await settle();
    // Nobody signed in here manages a structure: no choice to make, none offered.
    http.expectOne('/api/v1/structures').flush({ items: [ROUEN_INCUBATOR], nextCursor: null });
    await settle();
  });

  afterEach(() => http.verify());

  it('labels its file field and links back to the board', () => {
    const input = element().querySelector('input[type=file]');
    expect(element().querySelector(`label[for="${input?.id}"]`)?.textContent?.trim()).toBe(
      'Fichier CSV des startups',
    );
    expect(text('h1')).toBe('Importer des startups');
    expect(element().querySelector('.import__back a')?.getAttribute('href')).toBe('/');
  });

  it("words its file button in the page's language and names the chosen file", async () => {
    expect(text('.import__choose')).toBe('Choisir un fichier');
    expect(text('#import-file-chosen')).toBe('Aucun fichier choisi');
    await choose(new File(['name\n'], 'startups.csv', { type: 'text/csv' }));
    expect(text('#import-file-chosen')).toBe('startups.csv');
    expect(
      element().querySelector('#import-file')?.getAttribute('aria-describedby')?.split(' '),
    ).toContain('import-file-chosen');
  });

  it('asks for a file before sending anything', async () => {
    await submit();

    expect(element().textContent).toContain("Choisissez d'abord un fichier CSV.");
    http.expectNone(() => true);
  });

  it('sends the CSV as the multipart field file, shows its progress, then the report table', async () => {
    await choose(new File([CSV], 'startups.csv', { type: 'text/csv' }));
    await submit();

    const request = http.expectOne('/api/v1/startups/import');
    expect(request.request.method).toBe('POST');
    const body = request.request.body as FormData;
    expect((body.get('file') as File).name).toBe('startups.csv');
    expect(request.request.reportProgress).toBe(true);

    request.event({ type: HttpEventType.UploadProgress, loaded: 40, total: 100 });
    await settle();
    expect(element().querySelector('mat-progress-bar')?.getAttribute('aria-valuenow')).toBe('40');
    expect(text('.import__status')).toBe('Envoi du fichier : 40 %');
    expect(element().querySelector<HTMLButtonElement>('button[type=submit]')?.disabled).toBe(true);

    request.event({ type: HttpEventType.UploadProgress, loaded: 100, total: 100 });
    await settle();
    expect(text('.import__status')).toBe('Fichier envoyé, création des startups en cours…');

    const report: StartupImportReport = {
      created: 1234,
      rejected: [
        {
          row: 3,
          errors: [
            { path: 'siren', message: 'must be 9 digits with a valid check digit' },
            { path: 'territoire', message: 'must be one of CAEN, ROUEN, LE_HAVRE' },
          ],
        },
        { row: 7, errors: [{ path: 'nom', message: 'is required' }] },
      ],
    };
    request.flush(report);
    await settle();

    expect(element().querySelector('mat-progress-bar')).toBeNull();
    // French groups thousands with a narrow no-break space.
    expect(element().querySelector('.import__summary')?.textContent?.trim()).toBe(
      'Startups créées : 1\u202f234. Lignes refusées : 2.',
    );
    expect(text('caption')).toBe('Lignes refusées et leurs motifs');
    const rows = Array.from(element().querySelectorAll('tbody tr')).map((row) =>
      Array.from(row.children).map((cell) => cell.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['3', 'siren', 'must be 9 digits with a valid check digit'],
      ['3', 'territoire', 'must be one of CAEN, ROUEN, LE_HAVRE'],
      ['7', 'nom', 'is required'],
    ]);
    expect(
      Array.from(element().querySelectorAll('th[scope=col]')).map((th) => th.textContent?.trim()),
    ).toEqual(['Ligne', 'Colonne', 'Motif']);
  });

  it('says in words why the file was refused as a whole', async () => {
    await choose(new File(['x'], 'startups.csv', { type: 'text/csv' }));
    await submit();

    http.expectOne('/api/v1/startups/import').flush(
      { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Unknown column: foo' },
      {
        status: 400,
        statusText: 'Bad Request',
        headers: { 'Content-Type': 'application/problem+json' },
      },
    );
    await settle();

    expect(element().querySelector('bo-problem-state')).not.toBeNull();
    expect(element().querySelector('.import__report')).toBeNull();
    expect(element().querySelector<HTMLButtonElement>('button[type=submit]')?.disabled).toBe(false);
  });

  it('downloads the template through the API, with its file name', async () => {
    const clicked: string[] = [];
    const createObjectURL = jest.fn(() => 'blob:template');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this.download);
    });

    element().querySelector<HTMLButtonElement>('.import__template-button')?.click();
    http
      .expectOne('/api/v1/startups/import/template')
      .flush(new Blob(['nom;domaine\n'], { type: 'text/csv' }));
    await settle();

    expect(clicked).toEqual([IMPORT_TEMPLATE_FILE_NAME]);
    click.mockRestore();
  });

  it('speaks English too', async () => {
    TestBed.inject(TranslocoService).setActiveLang('en');
    await settle();

    expect(text('h1')).toBe('Import startups');
    expect(text('.import__choose')).toBe('Choose a file');
    expect(text('#import-file-chosen')).toBe('No file chosen');
    expect(text('.import__template-button')).toBe('Download the template (CSV)');
  });
});
