import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatTabLink, MatTabNav, MatTabNavPanel } from '@angular/material/tabs';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { ADMINISTRATION_SECTIONS } from './administration.routes';

@Component({
  selector: 'bo-administration-layout',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatTabNav,
    MatTabLink,
    MatTabNavPanel,
    TranslocoPipe,
  ],
  template: `
    <h1 class="admin__heading">{{ 'nav.admin' | transloco }}</h1>
    <nav mat-tab-nav-bar [tabPanel]="panel" [attr.aria-label]="'admin.sectionsLabel' | transloco">
      @for (section of sections; track section.path) {
        <a
          mat-tab-link
          [routerLink]="section.path"
          routerLinkActive
          #active="routerLinkActive"
          [active]="active.isActive"
        >
          {{ section.labelKey | transloco }}
        </a>
      }
    </nav>
    <mat-tab-nav-panel #panel class="admin__panel">
      <router-outlet />
    </mat-tab-nav-panel>
  `,
  styleUrl: './administration.scss',
})
export class AdministrationLayout {
  protected readonly sections = ADMINISTRATION_SECTIONS;
}
