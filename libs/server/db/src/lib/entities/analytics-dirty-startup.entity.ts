import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Startups whose roll-ups may be stale. Triggers of the migration mark a startup when its stays
 * change or its territory or domain does, whoever writes (the API, an import, a seed, a test);
 * the REFRESH_ANALYTICS workflow step and every analytics read refresh and unmark them.
 */
@Entity({ name: 'analytics_dirty_startup' })
export class AnalyticsDirtyStartupEntity {
  @PrimaryColumn({
    name: 'startup_id',
    type: 'uuid',
    primaryKeyConstraintName: 'pk_analytics_dirty_startup',
  })
  startupId!: string;

  /** Bumped by every new mark: a refresh that started earlier cannot swallow a later change. */
  @Column({ name: 'marks', type: 'integer', default: 1 })
  marks!: number;

  @Column({ name: 'marked_at', type: 'timestamptz', default: () => 'now()' })
  markedAt!: Date;
}
