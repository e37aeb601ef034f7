import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  ROLES,
  TERRITORIES,
  type GrantScope,
  type Role,
  type StructureView,
} from '@parcours/contracts';
import { scopesOf } from '../grant-scope';

export interface GrantDraftView {
  role: Role;
  scope: GrantScope;
  scopeId: string;
}

/** Role, scope and target of a grant: the target field follows the scope. */
@Component({
  selector: 'bo-grant-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  template: `
    <label class="admin-label">
      {{ 'admin.users.role' | transloco }}
      <select
        class="admin-select"
        [value]="draft().role"
        (change)="roleChange.emit($any($event.target).value)"
      >
        @for (role of roles; track role) {
          <option [value]="role" [selected]="role === draft().role">
            {{ 'admin.roles.' + role | transloco }}
          </option>
        }
      </select>
    </label>
    <label class="admin-label">
      {{ 'admin.users.scope' | transloco }}
      <select
        class="admin-select"
        [value]="draft().scope"
        (change)="changes.emit({ scope: $any($event.target).value, scopeId: '' })"
      >
        @for (scope of scopes(); track scope) {
          <option [value]="scope" [selected]="scope === draft().scope">
            {{ 'admin.scopes.' + scope | transloco }}
          </option>
        }
      </select>
    </label>
    @switch (draft().scope) {
      @case ('STRUCTURE') {
        <label class="admin-label">
          {{ 'admin.scopes.STRUCTURE' | transloco }}
          <select
            class="admin-select"
            [value]="draft().scopeId"
            (change)="changes.emit({ scopeId: $any($event.target).value })"
          >
            <option value="">{{ 'admin.users.choose' | transloco }}</option>
            @for (structure of structures(); track structure.id) {
              <option [value]="structure.id" [selected]="structure.id === draft().scopeId">
                {{ structure.name }}
              </option>
            }
          </select>
        </label>
      }
      @case ('TERRITORY') {
        <label class="admin-label">
          {{ 'admin.scopes.TERRITORY' | transloco }}
          <select
            class="admin-select"
            [value]="draft().scopeId"
            (change)="changes.emit({ scopeId: $any($event.target).value })"
          >
            <option value="">{{ 'admin.users.choose' | transloco }}</option>
            @for (territory of territories; track territory) {
              <option [value]="territory" [selected]="territory === draft().scopeId">
                {{ 'territories.' + territory | transloco }}
              </option>
            }
          </select>
        </label>
      }
      @case ('STARTUP') {
        <label class="admin-label">
          {{ 'admin.users.startupId' | transloco }}
          <input
            class="admin-input"
            [value]="draft().scopeId"
            (input)="changes.emit({ scopeId: $any($event.target).value })"
            spellcheck="false"
          />
        </label>
      }
    }
  `,
  styleUrl: '../admin-page.scss',
  host: { class: 'admin-form' },
})
export class GrantFields {
  readonly draft = input.required<GrantDraftView>();
  readonly structures = input.required<readonly StructureView[]>();
  readonly roleChange = output<Role>();
  readonly changes = output<Partial<GrantDraftView>>();
  protected readonly roles = ROLES;
  protected readonly territories = TERRITORIES;
  protected readonly scopes = computed(() => scopesOf(this.draft().role));
}
