import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { NotificationsApi } from '../notifications/notifications-api';
import { ProgrammesApi } from '../programmes/programmes-api';
import { TransitionsApi } from './transitions-api';

describe('TransitionsApi, ProgrammesApi and NotificationsApi', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('requests a move without the fields left empty, and trims the reason', async () => {
    const requested = firstValueFrom(
      TestBed.inject(TransitionsApi).request('st 1', {
        toStage: 'INCUBATION',
        programmeId: null,
        cohortId: undefined,
        reason: '  Offre à retravailler ',
      }),
    );
    const request = http.expectOne('/api/v1/startups/st%201/transitions');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ toStage: 'INCUBATION', reason: 'Offre à retravailler' });
    request.flush({ id: 't1' });
    await expect(requested).resolves.toEqual({ id: 't1' });
  });

  it('reads the inbox, decides with or without a note, and follows a bulk move', async () => {
    const api = TestBed.inject(TransitionsApi);

    const inbox = firstValueFrom(api.inbox({ status: 'REQUESTED' }));
    http.expectOne('/api/v1/transitions?status=REQUESTED').flush({ items: [], nextCursor: null });
    await inbox;

    const approved = firstValueFrom(api.decide('t1', 'APPROVE', '  '));
    const approval = http.expectOne('/api/v1/transitions/t1/decision');
    expect(approval.request.body).toEqual({ decision: 'APPROVE' });
    approval.flush({});
    await approved;
    const rejected = firstValueFrom(api.decide('t2', 'REJECT', 'Hors périmètre'));
    const rejection = http.expectOne('/api/v1/transitions/t2/decision');
    expect(rejection.request.body).toEqual({ decision: 'REJECT', note: 'Hors périmètre' });
    rejection.flush({});
    await rejected;

    const bulk = firstValueFrom(
      api.bulk({ startupIds: ['a', 'b'], toStage: 'ALUMNI', programmeId: null, reason: '' }),
    );
    const bulkRequest = http.expectOne('/api/v1/transitions/bulk');
    expect(bulkRequest.request.body).toEqual({ startupIds: ['a', 'b'], toStage: 'ALUMNI' });
    bulkRequest.flush({ batchId: 'b1' });
    await expect(bulk).resolves.toEqual({ batchId: 'b1' });

    const batch = firstValueFrom(api.batch('b1'));
    http.expectOne('/api/v1/transition-batches/b1').flush({ id: 'b1' });
    await expect(batch).resolves.toEqual({ id: 'b1' });
  });

  it('lists programmes of a stage and their cohorts', async () => {
    const api = TestBed.inject(ProgrammesApi);
    const programmes = firstValueFrom(api.list({ stage: 'ACCELERATION' }));
    http.expectOne('/api/v1/programmes?stage=ACCELERATION').flush({ items: [], nextCursor: null });
    await programmes;
    const cohorts = firstValueFrom(api.cohorts('p1'));
    http.expectOne('/api/v1/programmes/p1/cohorts').flush({ items: [], nextCursor: null });
    await cohorts;
  });

  it("reads and marks the person's notifications", async () => {
    const api = TestBed.inject(NotificationsApi);
    const list = firstValueFrom(api.list({ unread: true, limit: 20, lang: 'en' }));
    http
      .expectOne('/api/v1/me/notifications?unread=true&limit=20&lang=en')
      .flush({ items: [], nextCursor: null });
    await list;
    const count = firstValueFrom(api.unreadCount());
    http.expectOne('/api/v1/me/notifications/unread-count').flush({ unread: 4 });
    await expect(count).resolves.toEqual({ unread: 4 });
    const all = firstValueFrom(api.markAllRead());
    const readAll = http.expectOne('/api/v1/me/notifications/read-all');
    expect(readAll.request.method).toBe('POST');
    readAll.flush({ updated: 4 });
    await expect(all).resolves.toEqual({ updated: 4 });
  });
});
