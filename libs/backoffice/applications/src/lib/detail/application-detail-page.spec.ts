import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AuthSession } from '@parcours/backoffice-data-access';
import { translocoForTests } from '@parcours/backoffice-data-access/testing';
import type { ApplicationFormView, ApplicationView } from '@parcours/contracts';
import { applicationsRoutes } from '../applications.routes';

jest.setTimeout(20_000);

const FORM: ApplicationFormView = {
  programmeId: 'p-ffwd',
  programmeName: 'Accélérateur FFWD',
  stage: 'ACCELERATION',
  questions: [
    { key: 'projet', label: 'Votre projet', required: true },
    { key: 'levee', label: 'Levée envisagée', required: false },
  ],
  criteria: [
    { key: 'equipe', label: 'Équipe', weight: 2 },
    { key: 'traction', label: 'Traction', weight: 1 },
  ],
  reviewersRequired: 2,
  scoreMax: 5,
};

const FIRST_REVIEW = {
  id: 'r-1',
  reviewerId: 'u-other',
  reviewerName: 'Nadia Benali',
  scores: [
    { criterion: 'equipe', score: 4 },
    { criterion: 'traction', score: 3 },
  ],
  weightedScore: 3.667,
  comment: 'Équipe solide',
  reviewedAt: '2026-11-10T09:00:00.000Z',
};

const SUBMITTED: ApplicationView = {
  id: 'app-1',
  programmeId: 'p-ffwd',
  programmeName: 'Accélérateur FFWD',
  startupId: 'st-1',
  startupName: 'Portflow',
  status: 'SUBMITTED',
  answers: { projet: 'Optimiser les tournées du port' },
  submittedById: 'u-founder',
  submittedAt: '2026-11-01T09:00:00.000Z',
  reviewCount: 1,
  reviewersRequired: 2,
  reviewsComplete: false,
  averageScore: null,
  reviews: [FIRST_REVIEW],
  decision: null,
  decidedById: null,
  decidedAt: null,
  decisionNote: null,
  transitionId: null,
  version: 1,
};

describe('ApplicationDetailPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lets a reviewer score every criterion, then the committee accept and see the move', async () => {
    TestBed.configureTestingModule({
      imports: [translocoForTests('fr')],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(
          [{ path: 'candidatures', children: applicationsRoutes }],
          withComponentInputBinding(),
        ),
        { provide: AuthSession, useValue: { user: signal({ id: 'u-me' }) } },
      ],
    });
    const http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    void harness.navigateByUrl('/candidatures/app-1');
    const settle = async (): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      harness.fixture.detectChanges();
    };
    await settle();
    const element = harness.fixture.nativeElement as HTMLElement;
    expect(element.textContent).toContain('Chargement de la candidature…');

    http.expectOne('/api/v1/applications/app-1').flush(SUBMITTED);
    await settle();
    http.expectOne('/api/v1/programmes/p-ffwd/application-form').flush(FORM);
    await settle();

    expect(element.querySelector('h1')?.textContent?.trim()).toBe('Candidature de Portflow');
    const text = element.textContent ?? '';
    expect(text).toContain('Optimiser les tournées du port');
    expect(text).toContain('Sans réponse');
    expect(text).toContain('coefficient 2');
    expect(text).toContain('Évaluation de Nadia Benali');
    expect(text).toContain('Accélérateur FFWD');
    expect(text).toContain('Équipe solide');
    expect(text).toContain('Le comité décide une fois les 2 évaluations reçues (1 pour l');

    // Nothing scored: the form names what is missing and sends nothing.
    const send = () =>
      [...element.querySelectorAll('button')]
        .find((button) => button.textContent?.includes("Envoyer l'évaluation"))
        ?.click();
    send();
    await settle();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('sans note : 2');
    http.expectNone('/api/v1/applications/app-1/reviews');

    const radio = (criterion: string, value: number) =>
      element
        .querySelector(`[aria-labelledby="criterion-${criterion}"]`)
        ?.querySelectorAll<HTMLInputElement>('input[type="radio"]')
        [value]?.click();
    radio('equipe', 5);
    radio('traction', 2);
    await settle();
    // (2×5 + 1×2) / 3 = 4
    expect(element.textContent).toContain('Note pondérée de votre évaluation : 4,0 sur 5');
    send();
    const review = http.expectOne('/api/v1/applications/app-1/reviews');
    expect(review.request.body).toEqual({
      scores: [
        { criterion: 'equipe', score: 5 },
        { criterion: 'traction', score: 2 },
      ],
    });
    review.flush({
      ...SUBMITTED,
      reviewCount: 2,
      reviewsComplete: true,
      averageScore: 3.833,
      reviews: [
        FIRST_REVIEW,
        { ...FIRST_REVIEW, id: 'r-2', reviewerId: 'u-me', comment: null, weightedScore: 4 },
      ],
    });
    await settle();
    expect(element.textContent).toContain('Votre évaluation est enregistrée.');
    expect(element.textContent).toContain('3,83 sur 5');
    expect(element.textContent).not.toContain("Envoyer l'évaluation");

    [...element.querySelectorAll('button')]
      .find((button) => button.textContent?.trim() === 'Accepter')
      ?.click();
    const decision = http.expectOne('/api/v1/applications/app-1/decision');
    expect(decision.request.body).toEqual({ decision: 'ACCEPT' });
    decision.flush({
      application: {
        ...SUBMITTED,
        status: 'ACCEPTED',
        decision: 'ACCEPT',
        decidedAt: '2026-11-20T10:00:00.000Z',
        transitionId: 'tr-1',
      },
      transition: { id: 'tr-1', status: 'REQUESTED' },
    });
    await settle();
    expect(element.textContent).toContain('Candidature acceptée le 20 novembre 2026.');
    expect(element.textContent).toContain("il attend l'approbation d'un·e second·e responsable");
    const link = [...element.querySelectorAll('a')].find((a) =>
      a.textContent?.includes("Voir le passage d'étape"),
    );
    expect(link?.getAttribute('href')).toBe('/transitions/tr-1');
    http.expectNone('/api/v1/transitions/tr-1');
  });

  it('shows a refused decision in words', async () => {
    TestBed.configureTestingModule({
      imports: [translocoForTests('en')],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(
          [{ path: 'candidatures', children: applicationsRoutes }],
          withComponentInputBinding(),
        ),
        { provide: AuthSession, useValue: { user: signal({ id: 'u-other' }) } },
      ],
    });
    const http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    void harness.navigateByUrl('/candidatures/app-1');
    const settle = async (): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      harness.fixture.detectChanges();
    };
    await settle();
    http.expectOne('/api/v1/applications/app-1').flush({
      ...SUBMITTED,
      reviewCount: 2,
      reviewsComplete: true,
      averageScore: 3.5,
    });
    await settle();
    http.expectOne('/api/v1/programmes/p-ffwd/application-form').flush(FORM);
    await settle();
    const element = harness.fixture.nativeElement as HTMLElement;
    expect(element.textContent).toContain('Your review');
    expect(element.textContent).toContain('You have already reviewed this application.');

    [...element.querySelectorAll('button')]
      .find((button) => button.textContent?.trim() === 'Accept')
      ?.click();
    http.expectOne('/api/v1/applications/app-1/decision').flush(
      {
        type: 'about:blank',
        title: 'Unprocessable',
        status: 422,
        detail: 'The startup does not meet the entry requirements of the stage',
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await settle();
    const alert = element.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('entry requirements');
    expect(element.textContent).toContain('Under review');
  });
});
