import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { StartupsApi } from '@parcours/backoffice-data-access';

/**
 * Startup names for pages that list moves (a move names its startup by id only): fetched once
 * per startup, kept for the page's lifetime. A startup that cannot be read stays unnamed.
 */
@Injectable()
export class StartupNames {
  private readonly startupsApi = inject(StartupsApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly requested = new Set<string>();
  private readonly known = signal<ReadonlyMap<string, string>>(new Map());

  readonly names = this.known.asReadonly();

  need(startupIds: readonly string[]): void {
    for (const id of startupIds) {
      if (this.requested.has(id)) continue;
      this.requested.add(id);
      this.startupsApi
        .get(id)
        .pipe(takeUntilDestroyed(this.destroyRef))
        .subscribe({
          next: (startup) => this.known.update((names) => new Map(names).set(id, startup.name)),
          error: () => undefined,
        });
    }
  }
}
