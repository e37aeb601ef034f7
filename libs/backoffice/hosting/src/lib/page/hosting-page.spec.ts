import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { translocoForTests } from '@parcours/backoffice-data-access/testing';
import type { PlaceOccupancyView, PlaceView } from '@parcours/contracts';
import { hostingRoutes } from '../hosting.routes';

jest.setTimeout(20_000);

const ROUEN: PlaceView = {
  id: 'pl-rouen',
  name: 'Seine Innopolis',
  territory: 'ROUEN',
  address: '72 rue de la République',
  manageable: true,
};
const CAEN: PlaceView = { ...ROUEN, id: 'pl-caen', name: 'MRI Caen', manageable: false };

const occupancy = (on: string, occupied: number): PlaceOccupancyView => ({
  placeId: ROUEN.id,
  on,
  capacity: 28,
  occupiedSeats: occupied,
  rate: occupied / 28,
  units: [
    { unitId: 'u1', name: 'Bureau 01', kind: 'OFFICE', capacity: 4, occupiedSeats: 3, startups: 2 },
    {
      unitId: 'u2',
      name: 'Plateau partagé',
      kind: 'DESK',
      capacity: 24,
      occupiedSeats: occupied - 3,
      startups: 5,
    },
  ],
});

async function openHosting() {
  TestBed.configureTestingModule({
    imports: [translocoForTests('fr')],
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([{ path: 'hebergement', children: hostingRoutes }]),
    ],
  });
  const http = TestBed.inject(HttpTestingController);
  const harness = await RouterTestingHarness.create();
  void harness.navigateByUrl('/hebergement');
  const settle = async (): Promise<void> => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    harness.fixture.detectChanges();
  };
  await settle();
  const element = () => harness.fixture.nativeElement as HTMLElement;
  const text = () => element().textContent?.replace(/\s+/g, ' ') ?? '';
  return { http, settle, element, text };
}

/** The element, or a failure naming what is missing. */
function found<T extends Element>(root: ParentNode, selector: string): T {
  const element = root.querySelector<T>(selector);
  if (!element) throw new Error(`${selector} is not on the page`);
  return element;
}

const type = (input: HTMLInputElement | HTMLSelectElement, value: string) => {
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'));
};

describe('HostingPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows the places the person manages with their seats taken today, as text and a bar', async () => {
    const page = await openHosting();
    page.http.expectOne('/api/v1/places').flush({ items: [CAEN, ROUEN] });
    await page.settle();
    const today = page.http.expectOne((request) =>
      request.url.endsWith('/places/pl-rouen/occupancy'),
    );
    expect(today.request.params.get('on')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    today.flush(occupancy('2026-11-26', 17));
    await page.settle();

    expect(page.element().querySelector('h1')?.textContent).toContain('Hébergement');
    expect(page.text()).not.toContain('MRI Caen');
    expect(page.text()).toContain('Le 26 novembre 2026 : 17 places occupées sur 28');
    const bar = page.element().querySelector('[role="meter"]');
    expect(bar?.getAttribute('aria-valuenow')).toBe('17');
    expect(bar?.getAttribute('aria-valuemax')).toBe('28');
    expect(bar?.getAttribute('aria-valuetext')).toBe('17 places occupées sur 28');
    expect(bar?.getAttribute('aria-label')).toBe('Occupation de Seine Innopolis');
    const rows = [...page.element().querySelectorAll('tbody tr')].map((row) =>
      [...row.children].map((cell) => cell.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['Bureau 01', 'Bureau', '4', '3 sur 4', '2'],
      ['Plateau partagé', 'Poste en espace partagé', '24', '14 sur 24', '5'],
    ]);
  });

  it('shows the occupancy of another day when one is chosen', async () => {
    const page = await openHosting();
    page.http.expectOne('/api/v1/places').flush({ items: [ROUEN] });
    await page.settle();
    page.http
      .expectOne((request) => request.url.endsWith('/occupancy'))
      .flush(occupancy('2026-11-26', 17));
    await page.settle();

    type(found<HTMLInputElement>(page.element(), '#hosting-day'), '2027-01-15');
    await page.settle();
    const later = page.http.expectOne((request) => request.url.endsWith('/occupancy'));
    expect(later.request.params.get('on')).toBe('2027-01-15');
    later.flush(occupancy('2027-01-15', 5));
    await page.settle();
    expect(page.text()).toContain('Le 15 janvier 2027 : 5 places occupées sur 28');
  });

  it('adds a unit, says so and reads the occupancy again; a taken name is told in words', async () => {
    const page = await openHosting();
    page.http.expectOne('/api/v1/places').flush({ items: [ROUEN] });
    await page.settle();
    page.http
      .expectOne((request) => request.url.endsWith('/occupancy'))
      .flush(occupancy('2026-11-26', 17));
    await page.settle();

    const form = found<HTMLFormElement>(page.element(), 'form');
    form.dispatchEvent(new Event('submit'));
    await page.settle();
    expect(page.text()).toContain('Certains champs sont à corriger');
    expect(form.querySelectorAll('.mat-form-field-invalid')).toHaveLength(2);
    page.http.expectNone('/api/v1/places/pl-rouen/units');

    type(found<HTMLInputElement>(form, '[name="name"]'), ' Bureau 15 ');
    type(found<HTMLSelectElement>(form, '[name="kind"]'), 'DESK');
    type(found<HTMLInputElement>(form, '[name="capacity"]'), '6');
    await page.settle();
    form.dispatchEvent(new Event('submit'));
    await page.settle();
    const created = page.http.expectOne('/api/v1/places/pl-rouen/units');
    expect(created.request.method).toBe('POST');
    expect(created.request.body).toEqual({ name: 'Bureau 15', kind: 'DESK', capacity: 6 });
    created.flush({ id: 'u3', placeId: 'pl-rouen', name: 'Bureau 15', kind: 'DESK', capacity: 6 });
    await page.settle();
    expect(page.text()).toContain('Unité « Bureau 15 » ajoutée.');
    // Emptied for the next unit, without turning the fields red.
    expect(found<HTMLInputElement>(form, '[name="name"]').value).toBe('');
    expect(form.querySelector('.mat-form-field-invalid')).toBeNull();
    page.http
      .expectOne((request) => request.url.endsWith('/occupancy'))
      .flush(occupancy('2026-11-26', 17));
    await page.settle();

    type(found<HTMLInputElement>(form, '[name="name"]'), 'Bureau 01');
    type(found<HTMLInputElement>(form, '[name="capacity"]'), '2');
    await page.settle();
    form.dispatchEvent(new Event('submit'));
    await page.settle();
    page.http
      .expectOne('/api/v1/places/pl-rouen/units')
      .flush(
        { type: 'about:blank', title: 'Conflict', status: 409 },
        { status: 409, statusText: 'Conflict' },
      );
    await page.settle();
    expect(page.text()).toContain('Ce lieu a déjà une unité de ce nom.');
  });

  it('says so when the person manages no place', async () => {
    const page = await openHosting();
    page.http.expectOne('/api/v1/places').flush({ items: [CAEN] });
    await page.settle();
    expect(page.text()).toContain("Vous ne gérez aucun lieu d'hébergement.");
  });
});
