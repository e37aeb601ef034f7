import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { AppUserEntity } from './app-user.entity';
import { StartupEntity } from './startup.entity';
import { TransitionEntity } from './transition.entity';

/**
 * An entry of a dossier's timeline. The bigserial id breaks ties between events of the same
 * instant (a stage left and the next entered), so the order stays stable.
 */
@Entity({ name: 'timeline_event' })
@Index('ix_timeline_event_startup_id_occurred_at_id', ['startupId', 'occurredAt', 'id'])
@Check('ck_timeline_event_kind_not_blank', `btrim("kind") <> ''`)
@Check('ck_timeline_event_payload_object', `jsonb_typeof("payload") = 'object'`)
export class TimelineEventEntity {
  /** bigint: the pg driver returns it as a string to keep every digit. */
  @PrimaryGeneratedColumn('increment', {
    name: 'id',
    type: 'bigint',
    primaryKeyConstraintName: 'pk_timeline_event',
  })
  id!: string;

  @Column({ name: 'startup_id', type: 'uuid' })
  startupId!: string;

  @ManyToOne(() => StartupEntity, { nullable: false })
  @JoinColumn({ name: 'startup_id', foreignKeyConstraintName: 'fk_timeline_event_startup_id' })
  startup?: Relation<StartupEntity>;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  /** Open list (STAGE_ENTERED, STAGE_LEFT, TRANSITION_REQUESTED, ...): features add their own. */
  @Column({ name: 'kind', type: 'text' })
  kind!: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @ManyToOne(() => AppUserEntity, { nullable: true })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'fk_timeline_event_actor_id' })
  actor?: Relation<AppUserEntity> | null;

  @Column({ name: 'transition_id', type: 'uuid', nullable: true })
  transitionId!: string | null;

  @ManyToOne(() => TransitionEntity, { nullable: true })
  @JoinColumn({
    name: 'transition_id',
    foreignKeyConstraintName: 'fk_timeline_event_transition_id',
  })
  transition?: Relation<TransitionEntity> | null;

  @Column({ name: 'payload', type: 'jsonb', default: () => `'{}'` })
  payload!: Record<string, unknown>;
}
