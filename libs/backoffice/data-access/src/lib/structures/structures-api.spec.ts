import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Page, StructureView } from '@parcours/contracts';
import { firstValueFrom } from 'rxjs';
import { StructuresApi } from './structures-api';

describe('StructuresApi', () => {
  it('lists the structures', async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    const api = TestBed.inject(StructuresApi);
    const http = TestBed.inject(HttpTestingController);
    const page: Page<StructureView> = {
      items: [
        {
          id: 's1',
          name: 'Incubateur Seine Innopolis',
          kind: 'INCUBATOR',
          territory: 'ROUEN',
          placeId: null,
          version: 1,
        },
      ],
      nextCursor: null,
    };

    const listing = firstValueFrom(api.list());
    const request = http.expectOne('/api/v1/structures');
    request.flush(page);

    await expect(listing).resolves.toEqual(page);
    expect(request.request.method).toBe('GET');
    http.verify();
  });
});
