import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { LanguageSwitch } from './language-switch';

@Component({
  imports: [LanguageSwitch],
  template: `<bo-language-switch
    [languages]="['fr', 'en']"
    [language]="language()"
    (languageChange)="chosen.set($event)"
  />`,
})
class Host {
  readonly language = signal('fr');
  readonly chosen = signal<string | null>(null);
}

async function render(): Promise<{ host: Host; element: HTMLElement }> {
  TestBed.configureTestingModule({
    imports: [
      Host,
      TranslocoTestingModule.forRoot({
        langs: {
          fr: {
            shell: { language: "Langue de l'interface" },
            languages: { fr: 'Français', en: 'English' },
          },
        },
        translocoConfig: { availableLangs: ['fr'], defaultLang: 'fr' },
        preloadLangs: true,
      }),
    ],
  });
  const fixture = TestBed.createComponent(Host);
  await fixture.whenStable();
  return { host: fixture.componentInstance, element: fixture.nativeElement as HTMLElement };
}

describe('LanguageSwitch', () => {
  it('names the group and each language in that language', async () => {
    const { element } = await render();

    const group = element.querySelector('mat-button-toggle-group');
    const buttons = Array.from(element.querySelectorAll('button'));
    expect(group?.getAttribute('aria-label')).toBe("Langue de l'interface");
    expect(buttons.map((b) => b.textContent?.trim())).toEqual(['FR', 'EN']);
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Français (FR)',
      'English (EN)',
    ]);
    expect(element.querySelector('mat-button-toggle[lang="en"]')).not.toBeNull();
    expect(buttons.map((b) => b.getAttribute('aria-checked'))).toEqual(['true', 'false']);
  });

  it('emits the language chosen', async () => {
    const { host, element } = await render();

    element.querySelectorAll('button')[1].click();

    expect(host.chosen()).toBe('en');
  });
});
