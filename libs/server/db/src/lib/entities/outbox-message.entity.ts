import { OUTBOX_EVENTS, type OutboxEventType } from '@parcours/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { sqlIn } from '../schema/sql';

/**
 * Transactional outbox: written in the same transaction as the change it announces, relayed to
 * the queues afterwards, so that a crash between commit and enqueue loses nothing.
 */
@Entity({ name: 'outbox' })
// The relay only ever reads unsent messages, oldest first.
@Index('ix_outbox_unsent_created_at', ['createdAt'], { where: `"sent_at" IS NULL` })
@Check('ck_outbox_event_type', sqlIn('event_type', Object.values(OUTBOX_EVENTS)))
@Check('ck_outbox_attempts_not_negative', `"attempts" >= 0`)
@Check('ck_outbox_payload_object', `jsonb_typeof("payload") = 'object'`)
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_outbox' })
  id!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: OutboxEventType;

  /** Id of the record the event is about (e.g. the transition); no FK, it may be of any table. */
  @Column({ name: 'aggregate_id', type: 'uuid' })
  aggregateId!: string;

  @Column({ name: 'payload', type: 'jsonb', default: () => `'{}'` })
  payload!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'attempts', type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;
}
