import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  ProblemMessage,
  ReferenceAdminApi,
  UsersApi,
  problemMessage,
} from '@parcours/backoffice-data-access';
import { StateMessage } from '@parcours/backoffice-ui';
import {
  GRANT_SCOPES,
  LOCALES,
  ROLES,
  TERRITORIES,
  type GrantScope,
  type GrantView,
  type InvitationIssued,
  type Locale,
  type Role,
  type StructureView,
  type UserAccountView,
} from '@parcours/contracts';
import { firstValueFrom } from 'rxjs';
import { defaultScope, grantRequest, isCompleteGrant, scopeLabel, scopesOf } from '../grant-scope';
import { GrantFields } from './grant-fields';
import { AdminFeedback } from '../admin-feedback';

interface GrantDraft {
  role: Role;
  scope: GrantScope;
  scopeId: string;
}

const emptyGrant = (): GrantDraft => ({ role: 'manager', scope: 'STRUCTURE', scopeId: '' });

/**
 * Accounts: search, create (the person is invited by e-mail), grant and revoke roles scoped to
 * structures, territories or startups, disable, reset MFA, send a new invitation.
 */
@Component({
  selector: 'bo-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatButton, TranslocoPipe, StateMessage, GrantFields, AdminFeedback],
  templateUrl: './users-page.html',
  styleUrl: '../admin-page.scss',
})
export class UsersPage {
  private readonly users = inject(UsersApi);
  private readonly reference = inject(ReferenceAdminApi);
  private readonly transloco = inject(TranslocoService);

  protected readonly roles = ROLES;
  protected readonly locales = LOCALES;
  protected readonly territories = TERRITORIES;
  protected readonly scopes = GRANT_SCOPES;
  protected readonly scopesOf = scopesOf;

  protected readonly query = signal('');
  protected readonly roleFilter = signal<Role | ''>('');
  protected readonly loading = signal(true);
  protected readonly loadFailure = signal<ProblemMessage | null>(null);
  protected readonly accounts = signal<UserAccountView[]>([]);
  protected readonly structures = signal<StructureView[]>([]);
  protected readonly structureNames = computed(
    () => new Map(this.structures().map((structure) => [structure.id, structure.name])),
  );
  protected readonly selectedId = signal<string | null>(null);
  protected readonly selected = computed(
    () => this.accounts().find((account) => account.id === this.selectedId()) ?? null,
  );

  protected readonly newEmail = signal('');
  protected readonly newName = signal('');
  protected readonly newLocale = signal<Locale>('fr');
  protected readonly newGrant = signal<GrantDraft>(emptyGrant());
  protected readonly withGrant = signal(true);
  protected readonly creating = signal(false);
  protected readonly createFailure = signal<ProblemMessage | null>(null);
  protected readonly invitation = signal<{ email: string; issued: InvitationIssued } | null>(null);

  protected readonly grantDraft = signal<GrantDraft>(emptyGrant());
  protected readonly actionFailure = signal<ProblemMessage | null>(null);
  protected readonly actionNotice = signal<string | null>(null);
  protected readonly busy = signal(false);

  constructor() {
    void this.load();
    void firstValueFrom(this.reference.structures())
      .then((page) => this.structures.set(page.items))
      .catch(() => this.structures.set([]));
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    this.loadFailure.set(null);
    try {
      const page = await firstValueFrom(
        this.users.list({
          q: this.query().trim() || null,
          role: this.roleFilter() || null,
          limit: 100,
        }),
      );
      this.accounts.set(page.items);
    } catch (error: unknown) {
      this.loadFailure.set(problemMessage(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected grantTarget(grant: GrantView): string | null {
    return scopeLabel(grant, {
      structures: this.structureNames(),
      territory: (code) => this.transloco.translate(`territories.${code}`),
    });
  }

  protected changeRole(draft: 'new' | 'existing', role: Role): void {
    const target = draft === 'new' ? this.newGrant : this.grantDraft;
    target.set({ role, scope: defaultScope(role), scopeId: '' });
  }

  protected updateDraft(draft: 'new' | 'existing', changes: Partial<GrantDraft>): void {
    const target = draft === 'new' ? this.newGrant : this.grantDraft;
    target.update((current) => ({ ...current, ...changes }));
  }

  protected async create(): Promise<void> {
    if (this.creating()) return;
    const draft = this.newGrant();
    const grant = grantRequest(draft.role, draft.scope, draft.scopeId);
    if (this.withGrant() && !isCompleteGrant(grant)) {
      this.createFailure.set({ key: 'admin.users.grantIncomplete', detail: null, fieldErrors: [] });
      return;
    }
    this.creating.set(true);
    this.createFailure.set(null);
    this.invitation.set(null);
    try {
      const created = await firstValueFrom(
        this.users.create({
          email: this.newEmail().trim(),
          displayName: this.newName().trim(),
          locale: this.newLocale(),
          grants: this.withGrant() ? [grant] : [],
        }),
      );
      if (created.invitation)
        this.invitation.set({ email: created.email, issued: created.invitation });
      this.newEmail.set('');
      this.newName.set('');
      this.newGrant.set(emptyGrant());
      await this.load();
      this.selectedId.set(created.id);
    } catch (error: unknown) {
      this.createFailure.set(problemMessage(error));
    } finally {
      this.creating.set(false);
    }
  }

  protected select(account: UserAccountView): void {
    this.selectedId.set(account.id);
    this.grantDraft.set(emptyGrant());
    this.actionFailure.set(null);
    this.actionNotice.set(null);
  }

  protected async addGrant(account: UserAccountView): Promise<void> {
    const draft = this.grantDraft();
    const grant = grantRequest(draft.role, draft.scope, draft.scopeId);
    if (!isCompleteGrant(grant)) {
      this.actionFailure.set({ key: 'admin.users.grantIncomplete', detail: null, fieldErrors: [] });
      return;
    }
    await this.act(
      () => firstValueFrom(this.users.grant(account.id, grant)),
      'admin.users.granted',
    );
    this.grantDraft.set(emptyGrant());
  }

  protected revoke(account: UserAccountView, grant: GrantView): Promise<void> {
    return this.act(
      () => firstValueFrom(this.users.revoke(account.id, grant.id)),
      'admin.users.revoked',
    );
  }

  protected toggleDisabled(account: UserAccountView): Promise<void> {
    return this.act(
      () => firstValueFrom(this.users.setDisabled(account, !account.disabled)),
      account.disabled ? 'admin.users.enabled' : 'admin.users.disabledDone',
    );
  }

  protected resetMfa(account: UserAccountView): Promise<void> {
    return this.act(() => firstValueFrom(this.users.resetMfa(account.id)), 'admin.users.mfaReset');
  }

  protected async reinvite(account: UserAccountView): Promise<void> {
    await this.act(async () => {
      const issued = await firstValueFrom(this.users.invite(account.id));
      this.invitation.set({ email: account.email, issued });
    }, 'admin.users.invited');
  }

  private async act(action: () => Promise<unknown>, noticeKey: string): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.actionFailure.set(null);
    this.actionNotice.set(null);
    try {
      await action();
      this.actionNotice.set(noticeKey);
      await this.load();
    } catch (error: unknown) {
      this.actionFailure.set(problemMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
