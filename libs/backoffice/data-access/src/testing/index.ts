import type { ModuleWithProviders } from '@angular/core';
import {
  TRANSLOCO_MISSING_HANDLER,
  Translation,
  TranslocoMissingHandler,
  TranslocoTestingModule,
} from '@jsverse/transloco';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppLanguage } from '../lib/i18n/language-preference';

/**
 * Tests render with the app's real translation files, so that a wrong label fails a test.
 * They are read from disk, not imported, because they belong to the app and libraries must not
 * import from apps.
 */
const I18N_DIRECTORY = join(__dirname, '../../../../../apps/backoffice/public/i18n');

export function readTranslations(language: AppLanguage): Translation {
  const path = join(I18N_DIRECTORY, `${language}.json`);
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  return parsed as Translation;
}

/** A key missing from the files is a bug: it would show the raw key to people. */
const failOnMissingKey: TranslocoMissingHandler = {
  handle(key: string): never {
    throw new Error(`Missing translation key: ${key}`);
  },
};

export function translocoForTests(
  language: AppLanguage = 'fr',
): ModuleWithProviders<TranslocoTestingModule> {
  const testing = TranslocoTestingModule.forRoot({
    langs: { fr: readTranslations('fr'), en: readTranslations('en') },
    translocoConfig: {
      availableLangs: ['fr', 'en'],
      defaultLang: language,
      reRenderOnLangChange: true,
    },
    preloadLangs: true,
  });
  return {
    ngModule: testing.ngModule,
    providers: [
      ...(testing.providers ?? []),
      { provide: TRANSLOCO_MISSING_HANDLER, useValue: failOnMissingKey },
    ],
  };
}
