import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { NotificationsCenter } from '@parcours/backoffice-data-access';
import { translocoForTests } from '@parcours/backoffice-data-access/testing';
import type { NotificationView } from '@parcours/contracts';
import { notificationsRoutes } from '../notifications.routes';

jest.setTimeout(20_000);

function notification(id: string, readAt: string | null): NotificationView {
  return {
    id,
    kind: 'DECISION_REQUESTED',
    title: `Décision attendue ${id}`,
    body: 'Portflow : passage de Pépinière vers Accélération à décider.',
    payload: {},
    transitionId: `tr-${id}`,
    readAt,
    createdAt: '2026-11-25T08:00:00.000Z',
  };
}

describe('NotificationsPage and bell', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lists notifications in the interface language, marks one and then all read, and the unread count follows', async () => {
    TestBed.configureTestingModule({
      imports: [translocoForTests('fr')],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'notifications', children: notificationsRoutes }]),
      ],
    });
    const http = TestBed.inject(HttpTestingController);
    const center = TestBed.inject(NotificationsCenter);
    center.start();
    const harness = await RouterTestingHarness.create();
    void harness.navigateByUrl('/notifications');
    const settle = async (): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      harness.fixture.detectChanges();
    };
    await settle();

    http.expectOne('/api/v1/me/notifications/unread-count').flush({ unread: 2 });
    const list = http.expectOne((r) => r.url === '/api/v1/me/notifications');
    expect(list.request.params.get('lang')).toBe('fr');
    expect(list.request.params.get('limit')).toBe('20');
    list.flush({
      items: [
        notification('a', null),
        notification('b', null),
        notification('c', '2026-11-24T08:00:00.000Z'),
      ],
      nextCursor: null,
    });
    await settle();

    expect(center.unread()).toBe(2);
    const page = harness.fixture.nativeElement as HTMLElement;
    expect(
      Array.from(page.querySelectorAll('h2')).map((h) =>
        h.textContent?.replace(/\s+/g, ' ').trim(),
      ),
    ).toEqual([
      'Non lue Décision attendue a',
      'Non lue Décision attendue b',
      'Décision attendue c',
    ]);

    Array.from(page.querySelectorAll<HTMLButtonElement>('button'))
      .find((button) => button.textContent?.includes('Marquer comme lue : Décision attendue a'))
      ?.click();
    const read = http.expectOne((r) => r.url === '/api/v1/me/notifications/a/read');
    expect(read.request.method).toBe('POST');
    read.flush(notification('a', '2026-11-26T08:00:00.000Z'));
    await settle();

    expect(center.unread()).toBe(1);
    expect(page.querySelectorAll('.notifications__item--unread')).toHaveLength(1);
    // Its button is gone: the focus is on the notification read, said in words.
    expect(document.activeElement).toBe(page.querySelector('#notification-a'));
    expect(page.querySelector('.notifications__announce')?.textContent?.trim()).toBe(
      'Notification marquée comme lue.',
    );

    Array.from(page.querySelectorAll<HTMLButtonElement>('button'))
      .find((button) => button.textContent?.trim() === 'Tout marquer comme lu')
      ?.click();
    http.expectOne('/api/v1/me/notifications/read-all').flush({ updated: 1 });
    await settle();

    expect(center.unread()).toBe(0);
    expect(page.querySelectorAll('.notifications__item--unread')).toHaveLength(0);
    expect(page.textContent).toContain('Toutes les notifications sont marquées comme lues.');
    // The button is disabled now: the focus is on the sentence rather than lost.
    expect(document.activeElement).toBe(page.querySelector('.notifications__announce'));
    center.stop();
  });
});
