import { registerLocaleData } from '@angular/common';
import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import localeEn from '@angular/common/locales/en';
import localeFr from '@angular/common/locales/fr';
import {
  ApplicationConfig,
  inject,
  isDevMode,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import {
  TitleStrategy,
  provideRouter,
  withComponentInputBinding,
  withNavigationErrorHandler,
} from '@angular/router';
import { provideTransloco } from '@jsverse/transloco';
import {
  APP_LANGUAGES,
  AuthSession,
  DEFAULT_LANGUAGE,
  LanguagePreference,
  TranslocoHttpLoader,
  authInterceptor,
} from '@parcours/backoffice-data-access';
import { appRoutes } from './app.routes';
import { TranslatedTitleStrategy } from './i18n/translated-title-strategy';
import { reloadOnStaleBuild } from './navigation/stale-build';

// Language codes double as locale ids: pipes are given the active language, so dates and
// numbers switch with the words.
registerLocaleData(localeFr, 'fr');
registerLocaleData(localeEn, 'en');

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideHttpClient(withFetch(), withInterceptors([authInterceptor])),
    // Component input binding: query parameters and route data arrive as inputs. A tab opened
    // before a deployment asks for chunks that no longer exist: it reloads at the address asked.
    provideRouter(
      appRoutes,
      withComponentInputBinding(),
      withNavigationErrorHandler((navigation) =>
        reloadOnStaleBuild(navigation, sessionStorage, (url) => location.assign(url)),
      ),
    ),
    { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
    provideTransloco({
      config: {
        availableLangs: [...APP_LANGUAGES],
        defaultLang: DEFAULT_LANGUAGE,
        fallbackLang: DEFAULT_LANGUAGE,
        reRenderOnLangChange: true,
        missingHandler: { useFallbackTranslation: true, logMissingKey: isDevMode() },
        prodMode: !isDevMode(),
      },
      loader: TranslocoHttpLoader,
    }),
    // Before the first screen: translations (no flash of keys) and the session of a reload
    // (so that the guards know who is there).
    provideAppInitializer(async () => {
      const languagePreference = inject(LanguagePreference);
      const session = inject(AuthSession);
      await Promise.all([languagePreference.start(), session.restore()]);
    }),
  ],
};
