import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Page, StartupView } from '@parcours/contracts';
import { firstValueFrom } from 'rxjs';
import { API_BASE_URL } from '../api-base-url';
import { StageCountsResponse, StartupsApi } from './startups-api';

describe('StartupsApi', () => {
  let api: StartupsApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    api = TestBed.inject(StartupsApi);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists startups of a stage with filters, limit and cursor', async () => {
    const page: Page<StartupView> = { items: [], nextCursor: 'c2' };

    const listing = firstValueFrom(
      api.list({ stage: 'NURSERY', territory: 'ROUEN', domain: null, limit: 50, cursor: 'c1' }),
    );
    const request = http.expectOne((r) => r.url === '/api/v1/startups');
    request.flush(page);

    await expect(listing).resolves.toEqual(page);
    expect(request.request.method).toBe('GET');
    expect(request.request.params.toString()).toBe(
      'stage=NURSERY&territory=ROUEN&limit=50&cursor=c1',
    );
  });

  it('reads the counts per stage for the same filters', async () => {
    const response: StageCountsResponse = {
      counts: {
        DETECTION: 4,
        INCUBATION: 3,
        NURSERY: 2,
        ACCELERATION: 1,
        INTERNATIONALISATION: 0,
        ALUMNI: 5,
        EXITED: 6,
      },
    };

    const counting = firstValueFrom(api.stageCounts({ domain: 'SMART_CITIES', structureId: 's1' }));
    const request = http.expectOne((r) => r.url === '/api/v1/startups/stage-counts');
    request.flush(response);

    await expect(counting).resolves.toEqual(response);
    expect(request.request.params.toString()).toBe('domain=SMART_CITIES&structureId=s1');
  });

  it('follows the configured API base', async () => {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: API_BASE_URL, useValue: 'https://api.example.test/api/v1' },
      ],
    });
    const otherApi = TestBed.inject(StartupsApi);
    const otherHttp = TestBed.inject(HttpTestingController);

    const listing = firstValueFrom(otherApi.list());
    otherHttp
      .expectOne('https://api.example.test/api/v1/startups')
      .flush({ items: [], nextCursor: null });

    await expect(listing).resolves.toEqual({ items: [], nextCursor: null });
    otherHttp.verify();
  });
});
