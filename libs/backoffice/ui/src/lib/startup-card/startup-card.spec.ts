import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { TranslocoService, TranslocoTestingModule } from '@jsverse/transloco';
import type { StartupView } from '@parcours/contracts';
import { StartupCard } from './startup-card';

const startup: StartupView = {
  id: 'st1',
  name: 'Portflow',
  legalName: null,
  siren: null,
  domain: 'SMART_PORTS_LOGISTICS',
  territory: 'LE_HAVRE',
  foundedOn: null,
  stage: 'NURSERY',
  stageEnteredAt: '2026-03-12T09:00:00.000Z',
  status: 'ACTIVE',
  tags: [],
  description: null,
  website: null,
  structureId: null,
  programmeId: null,
  cohortId: null,
  version: 1,
};

const translations = {
  fr: {
    card: {
      territory: 'Territoire',
      domain: 'Filière',
      daysInStage: {
        one: '{{ count }} jour dans l’étape',
        other: '{{ count }} jours dans l’étape',
      },
      since: 'depuis le {{ date }}',
      onHold: 'En pause',
    },
    territories: { LE_HAVRE: 'Le Havre' },
    domains: { SMART_PORTS_LOGISTICS: 'Smart Ports & Logistics' },
  },
  en: {
    card: {
      territory: 'Territory',
      domain: 'Domain',
      daysInStage: { one: '{{ count }} day in stage', other: '{{ count }} days in stage' },
      since: 'since {{ date }}',
      onHold: 'On hold',
    },
    territories: { LE_HAVRE: 'Le Havre' },
    domains: { SMART_PORTS_LOGISTICS: 'Smart Ports & Logistics' },
  },
};

async function render(
  view: StartupView,
  daysInStage: number,
  dossierLink: string[] | null = null,
): Promise<{ element: HTMLElement; setLanguage: (lang: string) => Promise<void> }> {
  TestBed.configureTestingModule({
    imports: [
      StartupCard,
      TranslocoTestingModule.forRoot({
        langs: translations,
        translocoConfig: { availableLangs: ['fr', 'en'], defaultLang: 'fr' },
        preloadLangs: true,
      }),
    ],
    providers: [provideRouter([])],
  });
  const fixture = TestBed.createComponent(StartupCard);
  fixture.componentRef.setInput('startup', view);
  fixture.componentRef.setInput('daysInStage', daysInStage);
  fixture.componentRef.setInput('dossierLink', dossierLink);
  await fixture.whenStable();
  return {
    element: fixture.nativeElement as HTMLElement,
    setLanguage: async (lang) => {
      TestBed.inject(TranslocoService).setActiveLang(lang);
      await fixture.whenStable();
    },
  };
}

describe('StartupCard', () => {
  it('shows the name as a heading, territory, domain and time in stage', async () => {
    const { element } = await render(startup, 1234);

    expect(element.querySelector('h3')?.textContent?.trim()).toBe('Portflow');
    expect(element.querySelector('dl')?.textContent).toContain('Le Havre');
    expect(element.querySelector('dl')?.textContent).toContain('Smart Ports & Logistics');
    // French groups thousands with a narrow no-break space.
    expect(element.querySelector('.startup-card__days')?.textContent).toBe(
      '1\u202f234 jours dans l’étape',
    );
    expect(element.querySelector('time')?.textContent).toBe('depuis le 12 mars 2026');
    expect(element.querySelector('time')?.getAttribute('datetime')).toBe(startup.stageEnteredAt);
  });

  it('makes the name a link to the dossier when given one, and keeps it the heading', async () => {
    const { element } = await render(startup, 3, ['/dossiers', 'st1']);

    const link = element.querySelector('h3 a');
    expect(link?.getAttribute('href')).toBe('/dossiers/st1');
    expect(link?.textContent?.trim()).toBe('Portflow');
    expect(element.querySelector('article')?.getAttribute('aria-labelledby')).toBe(
      element.querySelector('h3')?.id,
    );
  });

  it('shows the name as plain text without a link', async () => {
    const { element } = await render(startup, 3);

    expect(element.querySelector('h3 a')).toBeNull();
  });

  it('uses the singular for one day, and for zero in French', async () => {
    const { element } = await render(startup, 0);

    expect(element.querySelector('.startup-card__days')?.textContent).toBe('0 jour dans l’étape');
  });

  it('follows the language for words, numbers and dates', async () => {
    const { element, setLanguage } = await render(startup, 1234);

    await setLanguage('en');

    expect(element.querySelector('.startup-card__days')?.textContent).toBe('1,234 days in stage');
    expect(element.querySelector('time')?.textContent).toBe('since March 12, 2026');
  });

  it('flags a startup on hold', async () => {
    const { element } = await render({ ...startup, status: 'ON_HOLD' }, 3);

    expect(element.querySelector('.startup-card__badge')?.textContent?.trim()).toBe('En pause');
  });
});
