import { TestBed } from '@angular/core/testing';
import { TranslocoTestingModule } from '@jsverse/transloco';
import { ProblemState } from './problem-state';

describe('ProblemState', () => {
  it('says what went wrong in words, with the API explanation, and offers to try again', async () => {
    TestBed.configureTestingModule({
      imports: [
        ProblemState,
        TranslocoTestingModule.forRoot({
          langs: {
            fr: {
              common: { retry: 'Réessayer' },
              errors: {
                conflict: "Cette action n'est pas possible dans l'état actuel du dossier.",
              },
            },
          },
          translocoConfig: { availableLangs: ['fr'], defaultLang: 'fr' },
          preloadLangs: true,
        }),
      ],
    });
    const fixture = TestBed.createComponent(ProblemState);
    fixture.componentRef.setInput('problem', {
      key: 'errors.conflict',
      detail: 'A move of this startup is already waiting for a decision',
      fieldErrors: [{ path: 'startupId', message: 'PENDING_MOVE_EXISTS' }],
    });
    fixture.componentRef.setInput('retryable', true);
    let retried = 0;
    fixture.componentInstance.retry.subscribe(() => (retried += 1));
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;

    const alert = element.querySelector('[role="alert"]');
    expect(alert?.querySelector('.problem-state__sentence')?.textContent).toBe(
      "Cette action n'est pas possible dans l'état actuel du dossier.",
    );
    expect(alert?.textContent).toContain('already waiting for a decision');
    expect(alert?.querySelectorAll('li')).toHaveLength(1);
    element.querySelector('button')?.click();
    expect(retried).toBe(1);
  });

  it('offers no retry unless asked', async () => {
    TestBed.configureTestingModule({
      imports: [
        ProblemState,
        TranslocoTestingModule.forRoot({
          langs: { fr: { errors: { notFound: 'Introuvable.' } } },
          translocoConfig: { availableLangs: ['fr'], defaultLang: 'fr' },
          preloadLangs: true,
        }),
      ],
    });
    const fixture = TestBed.createComponent(ProblemState);
    fixture.componentRef.setInput('problem', {
      key: 'errors.notFound',
      detail: null,
      fieldErrors: [],
    });
    await fixture.whenStable();

    expect((fixture.nativeElement as HTMLElement).querySelector('button')).toBeNull();
  });
});
