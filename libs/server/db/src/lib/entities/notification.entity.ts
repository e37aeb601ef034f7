import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  type Relation,
} from 'typeorm';
import { AppUserEntity } from './app-user.entity';
import { TransitionEntity } from './transition.entity';

/** An in-app notification. */
@Entity({ name: 'notification' })
// A retried NOTIFY step writes the same dedupe key and is refused instead of notifying twice.
@Unique('uq_notification_user_id_dedupe_key', ['userId', 'dedupeKey'])
@Index('ix_notification_user_id_created_at', ['userId', 'createdAt'])
@Check('ck_notification_kind_not_blank', `btrim("kind") <> ''`)
@Check('ck_notification_payload_object', `jsonb_typeof("payload") = 'object'`)
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_notification' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => AppUserEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_notification_user_id' })
  user?: Relation<AppUserEntity>;

  @Column({ name: 'kind', type: 'text' })
  kind!: string;

  @Column({ name: 'title', type: 'text' })
  title!: string;

  @Column({ name: 'body', type: 'text' })
  body!: string;

  @Column({ name: 'payload', type: 'jsonb', default: () => `'{}'` })
  payload!: Record<string, unknown>;

  @Column({ name: 'transition_id', type: 'uuid', nullable: true })
  transitionId!: string | null;

  @ManyToOne(() => TransitionEntity, { nullable: true })
  @JoinColumn({
    name: 'transition_id',
    foreignKeyConstraintName: 'fk_notification_transition_id',
  })
  transition?: Relation<TransitionEntity> | null;

  @Column({ name: 'dedupe_key', type: 'text' })
  dedupeKey!: string;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
