import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { translocoForTests } from '@parcours/backoffice-data-access/testing';
import type { HostingAgreementView, HostingUnitView, PlaceView } from '@parcours/contracts';
import { DOSSIER_CLOCK } from '../dossier-clock';
import { HostingPanel } from './hosting-panel';

jest.setTimeout(20_000);

const ID = 'st-1';
const PLACE: PlaceView = {
  id: 'pl-rouen',
  name: 'Seine Innopolis',
  territory: 'ROUEN',
  address: null,
  manageable: true,
};
const UNITS: HostingUnitView[] = [
  { id: 'u1', placeId: PLACE.id, name: 'Bureau 01', kind: 'OFFICE', capacity: 4 },
  { id: 'u2', placeId: PLACE.id, name: 'Plateau partagé', kind: 'DESK', capacity: 24 },
];
const AGREEMENT: HostingAgreementView = {
  id: 'ha-1',
  startupId: ID,
  unitId: 'u1',
  placeId: PLACE.id,
  startsOn: '2026-01-05',
  endsOn: null,
  seats: 3,
  monthlyRentEur: 1320.5,
  version: 2,
};

function found<T extends Element>(root: ParentNode, selector: string): T {
  const element = root.querySelector<T>(selector);
  if (!element) throw new Error(`${selector} is not on the page`);
  return element;
}

const type = (input: HTMLInputElement | HTMLSelectElement, value: string) => {
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'));
};

async function renderPanel(language: 'fr' | 'en', canManage: boolean) {
  TestBed.configureTestingModule({
    imports: [translocoForTests(language)],
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: DOSSIER_CLOCK, useValue: () => new Date(2026, 10, 26, 10) },
    ],
  });
  const fixture = TestBed.createComponent(HostingPanel);
  fixture.componentRef.setInput('startupId', ID);
  fixture.componentRef.setInput('canManage', canManage);
  const http = TestBed.inject(HttpTestingController);
  const settle = async (): Promise<void> => {
    fixture.detectChanges();
    await new Promise((resolve) => setTimeout(resolve, 0));
    fixture.detectChanges();
  };
  await settle();
  const answer = async (agreements: HostingAgreementView[]) => {
    http.expectOne(`/api/v1/startups/${ID}/hosting-agreements`).flush({ items: agreements });
    http.expectOne('/api/v1/places').flush({ items: [PLACE] });
    await settle();
    http.expectOne(`/api/v1/places/${PLACE.id}/units`).flush({ items: UNITS });
    await settle();
  };
  const element = fixture.nativeElement as HTMLElement;
  const cells = () =>
    [...element.querySelectorAll('tbody tr')].map((row) =>
      [...row.children].map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim()),
    );
  return { http, settle, answer, element, cells };
}

describe('HostingPanel', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists the agreements with their place, unit, period, seats and rent in the language', async () => {
    const fr = await renderPanel('fr', false);
    await fr.answer([AGREEMENT]);
    expect(fr.cells()).toEqual([
      ['Seine Innopolis', 'Bureau 01', '5 janv. 2026', 'Sans date de fin', '3', '1 320,50 €'],
    ]);
    // Those who do not manage the place read only.
    expect(fr.element.querySelector('form')).toBeNull();
    expect(fr.element.textContent).not.toContain('Modifier la fin');
  });

  it('writes the rent the English way in English', async () => {
    const en = await renderPanel('en', false);
    await en.answer([{ ...AGREEMENT, endsOn: '2026-12-31' }]);
    expect(en.cells()).toEqual([
      ['Seine Innopolis', 'Bureau 01', 'Jan 5, 2026', 'Dec 31, 2026', '3', '€1,320.50'],
    ]);
  });

  it('creates an agreement on a unit of a managed place and lists it', async () => {
    const panel = await renderPanel('fr', true);
    await panel.answer([]);
    expect(panel.element.textContent).toContain("Aucune convention d'hébergement.");
    const form = found<HTMLFormElement>(panel.element, 'form');
    const options = [...form.querySelectorAll('#hosting-unit option')].map((o) =>
      o.textContent?.trim(),
    );
    expect(options).toEqual([
      'Choisissez une unité',
      'Bureau 01 (Bureau, 4 places)',
      'Plateau partagé (Poste en espace partagé, 24 places)',
    ]);

    type(found<HTMLSelectElement>(form, '#hosting-unit'), 'u2');
    type(found<HTMLInputElement>(form, '#hosting-seats'), '2');
    type(found<HTMLInputElement>(form, '#hosting-rent'), '240,00');
    await panel.settle();
    form.dispatchEvent(new Event('submit'));
    await panel.settle();
    const created = panel.http.expectOne(`/api/v1/startups/${ID}/hosting-agreements`);
    expect(created.request.method).toBe('POST');
    expect(created.request.body).toEqual({
      unitId: 'u2',
      startsOn: '2026-11-26',
      seats: 2,
      monthlyRentEur: 240,
    });
    created.flush({ ...AGREEMENT, id: 'ha-2', unitId: 'u2', seats: 2, monthlyRentEur: 240 });
    await panel.settle();
    expect(panel.element.textContent).toContain(
      "Convention d'hébergement enregistrée dans « Plateau partagé ».",
    );
    await panel.answer([{ ...AGREEMENT, id: 'ha-2', unitId: 'u2', seats: 2, monthlyRentEur: 240 }]);
    // Emptied for the next agreement, without turning the required fields red.
    expect(panel.element.querySelector('form .mat-form-field-invalid')).toBeNull();
    expect(panel.cells()[0].slice(0, 2)).toEqual(['Seine Innopolis', 'Plateau partagé']);
  });

  it('says in words that a full unit refused the agreement', async () => {
    const panel = await renderPanel('fr', true);
    await panel.answer([]);
    const form = found<HTMLFormElement>(panel.element, 'form');
    type(found<HTMLSelectElement>(form, '#hosting-unit'), 'u1');
    type(found<HTMLInputElement>(form, '#hosting-seats'), '5');
    await panel.settle();
    form.dispatchEvent(new Event('submit'));
    await panel.settle();
    panel.http
      .expectOne(`/api/v1/startups/${ID}/hosting-agreements`)
      .flush(
        { type: 'about:blank', title: 'Conflict', status: 409 },
        { status: 409, statusText: 'Conflict' },
      );
    await panel.settle();
    expect(panel.element.textContent).toContain(
      "Cette unité n'a plus assez de places libres sur cette période",
    );
  });

  it('ends an agreement with its version, and reloads when someone changed it first', async () => {
    const panel = await renderPanel('fr', true);
    await panel.answer([AGREEMENT]);
    found<HTMLButtonElement>(panel.element, '[data-agreement="ha-1"]').click();
    await panel.settle();
    type(found<HTMLInputElement>(panel.element, '#hosting-end'), '2026-12-31');
    await panel.settle();
    found<HTMLFormElement>(panel.element, 'form.hosting__end').dispatchEvent(new Event('submit'));
    await panel.settle();
    const patch = panel.http.expectOne('/api/v1/hosting-agreements/ha-1');
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.headers.get('If-Match')).toBe('"2"');
    expect(patch.request.body).toEqual({ endsOn: '2026-12-31' });
    patch.flush(
      { type: 'about:blank', title: 'Precondition Failed', status: 412 },
      { status: 412, statusText: 'Precondition Failed' },
    );
    await panel.settle();
    expect(panel.element.textContent).toContain("Quelqu'un a modifié cette convention entre-temps");
    await panel.answer([{ ...AGREEMENT, endsOn: '2026-06-30', version: 3 }]);
    expect(panel.cells()[0][3]).toBe('30 juin 2026');
  });
});
