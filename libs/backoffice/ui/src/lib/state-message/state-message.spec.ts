import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { StateMessage, StateTone } from './state-message';

@Component({
  imports: [StateMessage],
  template: '<bo-state-message [tone]="tone()"><p>Aucune startup.</p></bo-state-message>',
})
class Host {
  readonly tone = signal<StateTone>('empty');
}

describe('StateMessage', () => {
  it('projects its content and styles itself after the tone', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const box = (fixture.nativeElement as HTMLElement).querySelector('bo-state-message');

    expect(box?.textContent).toBe('Aucune startup.');
    expect(box?.classList).toContain('state-message--empty');

    fixture.componentInstance.tone.set('error');
    await fixture.whenStable();

    expect(box?.classList).toContain('state-message--error');
    expect(box?.classList).not.toContain('state-message--empty');
  });
});
