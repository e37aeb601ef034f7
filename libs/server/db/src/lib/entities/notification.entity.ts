import { EMAIL_DELIVERY_OUTCOMES, type EmailDeliveryOutcome } from '@parcours/contracts';
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
import { sqlIn } from '../schema/sql';
import { AppUserEntity } from './app-user.entity';
import { TransitionEntity } from './transition.entity';

/** An in-app notification. */
@Entity({ name: 'notification' })
// A retried NOTIFY step writes the same dedupe key and is refused instead of notifying twice.
@Unique('uq_notification_user_id_dedupe_key', ['userId', 'dedupeKey'])
@Index('ix_notification_user_id_created_at', ['userId', 'createdAt'])
// The e-mail sweep reads recent notifications whose e-mail was not claimed yet.
@Index('ix_notification_unemailed_created_at', ['createdAt'], { where: `"emailed_at" IS NULL` })
@Check('ck_notification_delivery_outcome', sqlIn('delivery_outcome', EMAIL_DELIVERY_OUTCOMES))
@Check('ck_notification_delivery_attempts_not_negative', `"delivery_attempts" >= 0`)
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

  /**
   * The claim of the notification's one e-mail, taken before sending (at most one e-mail per
   * notification); released only when the send failed before the message could be accepted.
   */
  @Column({ name: 'emailed_at', type: 'timestamptz', nullable: true })
  emailedAt!: Date | null;

  @Column({ name: 'delivery_attempts', type: 'integer', default: 0 })
  deliveryAttempts!: number;

  @Column({ name: 'delivery_outcome', type: 'text', nullable: true })
  deliveryOutcome!: EmailDeliveryOutcome | null;

  @Column({ name: 'delivery_error', type: 'text', nullable: true })
  deliveryError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
