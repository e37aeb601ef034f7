import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { translocoForTests } from '@parcours/backoffice-data-access/testing';
import type { ApplicationFormView } from '@parcours/contracts';
import { ApplicationPanel } from './application-panel';

jest.setTimeout(20_000);

const FORM: ApplicationFormView = {
  programmeId: 'p-gateway',
  programmeName: 'Digital Seine Gateway',
  stage: 'INTERNATIONALISATION',
  questions: [],
  criteria: [],
  reviewersRequired: 2,
  scoreMax: 5,
};

async function openPanel() {
  TestBed.configureTestingModule({
    imports: [translocoForTests('fr')],
    providers: [provideHttpClient(), provideHttpClientTesting()],
  });
  const http = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(ApplicationPanel);
  fixture.componentRef.setInput('startupId', 'st-1');
  // In the document, so that the focus can move as it does in the browser.
  document.body.appendChild(fixture.nativeElement);
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      fixture.detectChanges();
    }
  };
  await settle();
  http.expectOne('/api/v1/programmes').flush({
    items: [{ id: FORM.programmeId, name: FORM.programmeName, stage: FORM.stage }],
    nextCursor: null,
  });
  await settle();
  const element = fixture.nativeElement as HTMLElement;
  const select = element.querySelector<HTMLSelectElement>('#application-programme');
  if (!select) throw new Error('no programme choice');
  select.value = FORM.programmeId;
  select.dispatchEvent(new Event('change'));
  await settle();
  http.expectOne(`/api/v1/programmes/${FORM.programmeId}/application-form`).flush(FORM);
  await settle();
  const submit = element.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (!submit) throw new Error('no submit button');
  // Pressed from the keyboard: the button has the focus when the form is sent.
  submit.focus();
  submit.click();
  await settle();
  const request = http.expectOne(`/api/v1/programmes/${FORM.programmeId}/applications`);
  return { request, settle, element, fixture };
}

const text = (element: Element | null | undefined) =>
  (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('ApplicationPanel', () => {
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    document.body.innerHTML = '';
  });

  it('says the application is sent and keeps the focus on that sentence', async () => {
    const { request, settle, element } = await openPanel();
    expect(request.request.body).toEqual({ startupId: 'st-1', answers: {} });
    request.flush({ id: 'a1' });
    await settle();

    const sent = element.querySelector<HTMLElement>('.application__sent');
    expect(text(sent)).toBe(
      'Candidature envoyée à « Digital Seine Gateway ». Le comité vous répondra après évaluation.',
    );
    // The submit button went away with the questions: the focus did not fall to the page.
    expect(document.activeElement).toBe(sent);
  });

  it('tells a refusal in words and moves the focus to it', async () => {
    const { request, settle, element } = await openPanel();
    request.flush(
      {
        type: 'urn:parcours:problem:conflict',
        title: 'Conflict',
        status: 409,
        detail: 'The startup already has an application under examination',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();

    const alert = element.querySelector<HTMLElement>('.application__problem[role="alert"]');
    expect(text(alert)).toContain("Cette action n'est pas possible dans l'état actuel du dossier.");
    expect(text(alert)).not.toContain('409');
    expect(document.activeElement).toBe(alert);
  });
});
