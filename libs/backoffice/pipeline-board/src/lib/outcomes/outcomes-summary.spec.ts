import { TestBed } from '@angular/core/testing';
import { translocoForTests } from '@parcours/backoffice-data-access/testing';
import type { Stage } from '@parcours/contracts';
import { OutcomesSummary } from './outcomes-summary';

async function render(counts: Record<Stage, number> | null): Promise<HTMLElement> {
  TestBed.configureTestingModule({ imports: [OutcomesSummary, translocoForTests('fr')] });
  const fixture = TestBed.createComponent(OutcomesSummary);
  fixture.componentRef.setInput('counts', counts);
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

/** Text as a screen reader gets it: without what is aria-hidden. */
function spoken(node: Element | null): string {
  const copy = node?.cloneNode(true) as Element | undefined;
  copy?.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
  // Collapses template line breaks only: French number spacing (U+202F) is part of the value.
  return (copy?.textContent ?? '').replace(/[ \n]+/g, ' ').trim();
}

function items(element: HTMLElement): [string, string][] {
  return Array.from(element.querySelectorAll('.outcomes__item')).map((item) => [
    spoken(item.querySelector('dt')),
    spoken(item.querySelector('dd')),
  ]);
}

describe('OutcomesSummary', () => {
  it('shows the alumni and exited counts, formatted for the language', async () => {
    const element = await render({
      DETECTION: 0,
      INCUBATION: 0,
      NURSERY: 0,
      ACCELERATION: 0,
      INTERNATIONALISATION: 0,
      ALUMNI: 1250,
      EXITED: 17,
    });

    expect(element.querySelector('h2')?.textContent?.trim()).toBe('Fin de parcours');
    expect(items(element)).toEqual([
      ['Alumni (parcours achevé)', '1\u202f250'],
      ['Sorties du parcours', '17'],
    ]);
  });

  it('says the counts are unknown while they are', async () => {
    const element = await render(null);

    expect(items(element)).toEqual([
      ['Alumni (parcours achevé)', 'nombre inconnu'],
      ['Sorties du parcours', 'nombre inconnu'],
    ]);
  });
});
