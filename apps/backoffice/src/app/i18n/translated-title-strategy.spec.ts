import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { TitleStrategy, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { TranslocoService } from '@jsverse/transloco';
import { translocoForTests } from '@parcours/backoffice-data-access/testing';
import { TranslatedTitleStrategy } from './translated-title-strategy';

@Component({ template: '' })
class Blank {}

describe('TranslatedTitleStrategy', () => {
  it('titles the document with the translated page name, and follows the language', async () => {
    TestBed.configureTestingModule({
      imports: [translocoForTests('fr')],
      providers: [
        provideRouter([
          { path: 'tableau', title: 'nav.board', component: Blank },
          { path: 'sans-titre', component: Blank },
        ]),
        { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
      ],
    });
    const harness = await RouterTestingHarness.create();
    const title = TestBed.inject(Title);

    await harness.navigateByUrl('/tableau');
    expect(title.getTitle()).toBe('Tableau du parcours · Parcours');

    TestBed.inject(TranslocoService).setActiveLang('en');
    expect(title.getTitle()).toBe('Pipeline board · Parcours');

    await harness.navigateByUrl('/sans-titre');
    expect(title.getTitle()).toBe('Parcours');
  });
});
