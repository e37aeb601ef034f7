// First: it loads the Angular compiler that the other Angular imports need in JIT mode.
import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';
import { registerLocaleData } from '@angular/common';
import localeEn from '@angular/common/locales/en';
import localeFr from '@angular/common/locales/fr';

setupZonelessTestEnv({
  errorOnUnknownElements: true,
  errorOnUnknownProperties: true,
});

// As in the app: dates and numbers follow the interface language.
registerLocaleData(localeFr, 'fr');
registerLocaleData(localeEn, 'en');
