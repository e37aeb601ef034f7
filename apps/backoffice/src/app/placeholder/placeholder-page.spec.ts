import { TestBed } from '@angular/core/testing';
import { translocoForTests } from '@parcours/backoffice-data-access/testing';
import { PlaceholderPage } from './placeholder-page';

describe('PlaceholderPage', () => {
  it('says the page is coming soon, in the interface language', async () => {
    TestBed.configureTestingModule({ imports: [PlaceholderPage, translocoForTests('en')] });
    const fixture = TestBed.createComponent(PlaceholderPage);
    fixture.componentRef.setInput('headingKey', 'nav.inbox');
    fixture.componentRef.setInput('messageKey', 'placeholder.comingSoon');
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;

    expect(element.querySelector('h1')?.textContent).toBe('Decision inbox');
    expect(element.querySelector('p')?.textContent).toBe(
      'This page is coming soon: it is being built.',
    );
  });
});
