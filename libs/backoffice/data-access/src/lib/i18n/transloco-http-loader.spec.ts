import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { TranslocoHttpLoader } from './transloco-http-loader';

describe('TranslocoHttpLoader', () => {
  it('loads the JSON file of the language', async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    const http = TestBed.inject(HttpTestingController);

    const loading = firstValueFrom(TestBed.inject(TranslocoHttpLoader).getTranslation('en'));
    http.expectOne('i18n/en.json').flush({ app: { name: 'Parcours' } });

    await expect(loading).resolves.toEqual({ app: { name: 'Parcours' } });
    http.verify();
  });
});
