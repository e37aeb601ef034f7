import { DOCUMENT } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TranslocoService, TranslocoTestingModule } from '@jsverse/transloco';
import { LANGUAGE_STORAGE_KEY, LanguagePreference } from './language-preference';

function setUp(): LanguagePreference {
  TestBed.configureTestingModule({
    imports: [
      TranslocoTestingModule.forRoot({
        langs: { fr: { hello: 'Bonjour' }, en: { hello: 'Hello' } },
        translocoConfig: { availableLangs: ['fr', 'en'], defaultLang: 'fr' },
      }),
    ],
  });
  return TestBed.inject(LanguagePreference);
}

describe('LanguagePreference', () => {
  afterEach(() => localStorage.clear());

  it('starts in French when nothing is remembered', async () => {
    const preference = setUp();

    await preference.start();

    expect(preference.language()).toBe('fr');
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('fr');
    expect(TestBed.inject(TranslocoService).translate('hello')).toBe('Bonjour');
  });

  it('starts in the remembered language', async () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    const preference = setUp();

    await preference.start();

    expect(preference.language()).toBe('en');
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('en');
  });

  it('ignores a remembered value that is not a language of the app', async () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'de');
    const preference = setUp();

    await preference.start();

    expect(preference.language()).toBe('fr');
  });

  it('switches language, updates <html lang> and remembers the choice', async () => {
    const preference = setUp();
    await preference.start();

    await preference.switchTo('en');

    expect(preference.language()).toBe('en');
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('en');
    expect(TestBed.inject(TranslocoService).translate('hello')).toBe('Hello');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
  });
});
