import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { translocoForTests } from '@parcours/backoffice-data-access/testing';
import type { ApplicationView } from '@parcours/contracts';
import { ApplicationsPanel } from './applications-panel';

const UNDER_REVIEW: ApplicationView = {
  id: 'app-1',
  programmeId: 'p-ffwd',
  programmeName: 'Accélérateur FFWD Normandie',
  startupId: 'st-1',
  startupName: 'Seinergie',
  status: 'SUBMITTED',
  answers: {},
  submittedById: null,
  submittedAt: '2026-11-06T09:00:00.000Z',
  reviewCount: 1,
  reviewersRequired: 2,
  reviewsComplete: false,
  // Never shown before every required review is in, whatever the API sends.
  averageScore: 3.9,
  decision: null,
  decidedById: null,
  decidedAt: null,
  decisionNote: null,
  transitionId: null,
  version: 1,
};

async function render(linksToReview: boolean): Promise<HTMLElement> {
  TestBed.configureTestingModule({
    imports: [translocoForTests('fr')],
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
  });
  const fixture = TestBed.createComponent(ApplicationsPanel);
  fixture.componentRef.setInput('startupId', 'st-1');
  fixture.componentRef.setInput('linksToReview', linksToReview);
  fixture.detectChanges();
  await new Promise((resolve) => setTimeout(resolve, 0));
  const request = TestBed.inject(HttpTestingController).expectOne(
    (r) => r.url === '/api/v1/applications',
  );
  expect(request.request.params.get('startupId')).toBe('st-1');
  request.flush({
    items: [
      UNDER_REVIEW,
      {
        ...UNDER_REVIEW,
        id: 'app-0',
        programmeName: 'Pépinière Rouen',
        status: 'REJECTED',
        reviewCount: 2,
        reviewsComplete: true,
        averageScore: 1.875,
      },
    ],
  });
  await new Promise((resolve) => setTimeout(resolve, 0));
  fixture.detectChanges();
  return fixture.nativeElement as HTMLElement;
}

const textOf = (element: Element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('ApplicationsPanel', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists programme, status and the average only once every review is in, with links for staff', async () => {
    const element = await render(true);
    const items = [...element.querySelectorAll('li.applications__item')].map(textOf);
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('Accélérateur FFWD Normandie');
    expect(items[0]).toContain('En évaluation');
    expect(items[0]).toContain('Déposée le 6 novembre 2026');
    expect(items[0]).toContain("après toutes les évaluations (1 sur 2 pour l'instant)");
    expect(items[0]).not.toContain('3,9');
    expect(items[1]).toContain('Refusée');
    expect(items[1]).toContain('Note moyenne : 1,88 sur 5');
    const links = [...element.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['/candidatures/app-1', '/candidatures/app-0']);
  });

  it('gives founders no link to the committee’s review', async () => {
    const element = await render(false);
    expect(element.querySelectorAll('li.applications__item')).toHaveLength(2);
    expect(element.querySelectorAll('a')).toHaveLength(0);
  });
});
