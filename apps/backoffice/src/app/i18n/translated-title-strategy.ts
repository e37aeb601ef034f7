import { Injectable, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { TranslocoService } from '@jsverse/transloco';
import { BehaviorSubject, combineLatest, of, switchMap } from 'rxjs';

/**
 * Route titles are translation keys. The document title — the first thing a screen reader says
 * on a new page — is "<page> · Parcours", in the current language, and follows a language switch.
 */
@Injectable()
export class TranslatedTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly transloco = inject(TranslocoService);
  private readonly pageTitleKey = new BehaviorSubject<string | undefined>(undefined);

  constructor() {
    super();
    this.pageTitleKey
      .pipe(
        switchMap((key) =>
          combineLatest([
            key ? this.transloco.selectTranslate<string>(key) : of(null),
            this.transloco.selectTranslate<string>('app.name'),
          ]),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(([page, product]) => {
        this.title.setTitle(page ? `${page} · ${product}` : product);
      });
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.pageTitleKey.next(this.buildTitle(snapshot));
  }
}
