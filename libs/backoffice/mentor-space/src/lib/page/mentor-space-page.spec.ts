import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { translocoForTests } from '@parcours/backoffice-data-access/testing';
import type { MenteeView, MentoringSessionView, MyActionItemView } from '@parcours/contracts';
import { mentorSpaceRoutes } from '../mentor-space.routes';
import { MENTOR_CLOCK } from '../session-form/session-form';

const NOW = new Date(2026, 10, 26, 9, 41, 30);

const MENTEES: MenteeView[] = [
  {
    startupId: 's1',
    name: 'Portflow',
    stage: 'ACCELERATION',
    territory: 'LE_HAVRE',
    domain: 'SMART_PORTS_LOGISTICS',
    lastSessionAt: '2026-11-02T10:00:00.000Z',
    sessions: 4,
    openActionItems: 2,
    overdueActionItems: 1,
    nextDueOn: '2026-11-20',
  },
  {
    startupId: 's2',
    name: 'Hublot',
    stage: 'ACCELERATION',
    territory: 'CAEN',
    domain: 'SMART_CITIES',
    lastSessionAt: null,
    sessions: 0,
    openActionItems: 0,
    overdueActionItems: 0,
    nextDueOn: null,
  },
];

const ITEM: MyActionItemView = {
  id: 'a1',
  sessionId: 'm0',
  startupId: 's1',
  title: 'Envoyer le prévisionnel',
  ownerId: null,
  ownerName: null,
  dueOn: '2026-11-20',
  status: 'OPEN',
  overdue: true,
  version: 1,
  createdAt: '2026-11-02T10:00:00.000Z',
  updatedAt: '2026-11-02T10:00:00.000Z',
  startupName: 'Portflow',
  sessionHeldAt: '2026-11-02T10:00:00.000Z',
};

async function openMentorSpace() {
  TestBed.configureTestingModule({
    imports: [translocoForTests('fr')],
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([{ path: 'mentorat', children: mentorSpaceRoutes }]),
      { provide: MENTOR_CLOCK, useValue: () => NOW },
    ],
  });
  const harness = await RouterTestingHarness.create();
  void harness.navigateByUrl('/mentorat');
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      harness.fixture.detectChanges();
    }
  };
  await settle();
  const http = TestBed.inject(HttpTestingController);
  http.expectOne('/api/v1/me/mentees').flush({ items: MENTEES });
  http.expectOne('/api/v1/me/action-items').flush({ items: [ITEM] });
  await settle();
  return { http, settle, element: () => harness.fixture.nativeElement as HTMLElement };
}

const text = (element: Element | null | undefined) =>
  (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

function type(element: HTMLElement, selector: string, value: string): void {
  const field = element.querySelector<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
    selector,
  );
  if (!field) throw new Error(`no ${selector}`);
  field.value = value;
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input'));
}

// The first test compiles the page (JIT) on a shared, busy machine.
jest.setTimeout(30_000);

describe('MentorSpacePage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists the mentees with where their follow-up stands, and my open action items', async () => {
    const { element } = await openMentorSpace();

    const mentees = Array.from(element().querySelectorAll('.mentees__item')).map(text);
    expect(mentees[0]).toContain('Portflow');
    expect(mentees[0]).toContain('Accélération · Le Havre · dernière séance le 2 novembre 2026');
    expect(mentees[0]).toContain('Actions ouvertes : 2 (dont 1 en retard)');
    expect(mentees[1]).toContain('aucune séance pour l');
    expect(text(element().querySelector('.action-items__title'))).toBe('Envoyer le prévisionnel');
    expect(text(element().querySelector('.action-items__facts'))).toBe(
      'Portflow · à faire · échéance le 20 novembre 2026 · en retard',
    );
  });

  it('logs a session with two action items, then is ready for the next one', async () => {
    const { http, element, settle } = await openMentorSpace();

    // "Log a session" on a mentee chooses it in the form.
    element().querySelectorAll<HTMLButtonElement>('.mentees__item button')[1].click();
    await settle();
    expect(element().querySelector<HTMLSelectElement>('#session-startup')?.value).toBe('s2');
    expect(document.activeElement?.id).toBe('session-held-at');

    type(element(), '#session-topics', 'financement, recrutement');
    type(element(), '#session-notes', 'Point sur la levée');
    const add = element().querySelector<HTMLButtonElement>('#add-action-item');
    add?.click();
    await settle();
    expect(document.activeElement?.id).toBe('action-title-1');
    type(element(), '#action-title-1', 'Préparer le BFR');
    type(element(), '#action-due-1', '2026-12-15');
    add?.click();
    await settle();
    type(element(), '#action-title-2', 'Contacter Bpifrance');
    await settle();
    element().querySelector('form')?.dispatchEvent(new Event('submit'));

    const post = http.expectOne('/api/v1/startups/s2/sessions');
    expect(post.request.body).toEqual({
      heldAt: new Date(2026, 10, 26, 9, 41).toISOString(),
      durationMinutes: 60,
      format: 'IN_PERSON',
      sharedWithFounders: true,
      topics: ['financement', 'recrutement'],
      notes: 'Point sur la levée',
      actionItems: [
        { title: 'Préparer le BFR', dueOn: '2026-12-15' },
        { title: 'Contacter Bpifrance' },
      ],
    });
    post.flush({
      id: 'm1',
      startupId: 's2',
      actionItems: [{ id: 'x' }, { id: 'y' }],
    } as unknown as MentoringSessionView);
    await settle();
    http.expectOne('/api/v1/me/mentees').flush({ items: MENTEES });
    http.expectOne('/api/v1/me/action-items').flush({ items: [ITEM] });
    await settle();

    expect(text(element().querySelector('.session-form__done'))).toBe(
      'Séance enregistrée pour Hublot, avec 2 actions à mener.',
    );
    expect(element().querySelectorAll('.session-form__item')).toHaveLength(0);
    expect(element().querySelector<HTMLSelectElement>('#session-startup')?.value).toBe('s2');
  });

  it('names what to correct and sends nothing', async () => {
    const { http, element, settle } = await openMentorSpace();

    type(element(), '#session-duration', '0');
    element().querySelector<HTMLButtonElement>('#add-action-item')?.click();
    await settle();
    element().querySelector('form')?.dispatchEvent(new Event('submit'));
    await settle();

    const alerts = element().querySelector('.session-form__alerts');
    expect(text(alerts?.querySelector('p'))).toBe("La séance n'est pas enregistrée :");
    expect(Array.from(alerts?.querySelectorAll('li') ?? []).map(text)).toEqual([
      'Choisissez la startup accompagnée.',
      'Indiquez une durée entre 1 et 600 minutes.',
      'Donnez un intitulé à chaque action à mener, ou retirez-la.',
    ]);
    expect(document.activeElement?.id).toBe('session-startup');
    http.expectNone((r) => r.method === 'POST');
  });

  it('marks an action item done with its version', async () => {
    const { http, element, settle } = await openMentorSpace();

    const finish = Array.from(
      element().querySelectorAll<HTMLButtonElement>('.action-items__buttons button'),
    ).find((button) => text(button) === 'Marquer comme faite');
    finish?.click();
    const patch = http.expectOne('/api/v1/action-items/a1');
    expect(patch.request.headers.get('If-Match')).toBe('"1"');
    expect(patch.request.body).toEqual({ status: 'DONE' });
    patch.flush({ ...ITEM, status: 'DONE', version: 2 });
    await settle();

    expect(element().querySelector('.action-items__item')).toBeNull();
    expect(text(element().querySelector('bo-my-action-items [role="status"]'))).toBe(
      '« Envoyer le prévisionnel » est faite.',
    );
  });
});
