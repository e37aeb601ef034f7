import { DOCUMENT, Injectable, computed, inject } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';

export const APP_LANGUAGES = ['fr', 'en'] as const;
export type AppLanguage = (typeof APP_LANGUAGES)[number];

/** The programme's staff and founders work in French; English is for visitors and partners. */
export const DEFAULT_LANGUAGE: AppLanguage = 'fr';

export const LANGUAGE_STORAGE_KEY = 'parcours.language';

export function isAppLanguage(value: unknown): value is AppLanguage {
  return typeof value === 'string' && (APP_LANGUAGES as readonly string[]).includes(value);
}

/**
 * The interface language: Transloco's active language, the `lang` of <html> (so screen readers
 * pronounce the page correctly) and the choice remembered across visits, kept in step.
 * Language codes double as Angular locale ids for dates and numbers.
 */
@Injectable({ providedIn: 'root' })
export class LanguagePreference {
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);

  readonly language = computed<AppLanguage>(() => {
    const active = this.transloco.activeLang();
    return isAppLanguage(active) ? active : DEFAULT_LANGUAGE;
  });

  /** The remembered language, or French. */
  rememberedLanguage(): AppLanguage {
    try {
      const stored = localStorage.getItem(LANGUAGE_STORAGE_KEY);
      return isAppLanguage(stored) ? stored : DEFAULT_LANGUAGE;
    } catch {
      return DEFAULT_LANGUAGE;
    }
  }

  /** Run before the first screen, so that it never flashes untranslated keys. */
  async start(): Promise<void> {
    await this.apply(this.rememberedLanguage());
  }

  async switchTo(language: AppLanguage): Promise<void> {
    await this.apply(language);
    try {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
    } catch {
      // Without storage the choice holds for this visit only.
    }
  }

  private async apply(language: AppLanguage): Promise<void> {
    // Loaded first so that the whole page changes language at once.
    await firstValueFrom(this.transloco.load(language));
    this.transloco.setActiveLang(language);
    this.document.documentElement.lang = language;
  }
}
