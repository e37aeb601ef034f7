import { ACTION_ITEM_STATUSES, type ActionItemStatus } from '@parcours/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { sqlIn } from '../schema/sql';
import { AppUserEntity } from './app-user.entity';
import { MentoringSessionEntity } from './mentoring-session.entity';
import { StartupEntity } from './startup.entity';

/** Something to do after a mentoring session: who, by when, and where it stands. */
@Entity({ name: 'action_item' })
@Index('ix_action_item_session_id', ['sessionId'])
@Index('ix_action_item_startup_id', ['startupId'])
@Index('ix_action_item_owner_id', ['ownerId'])
// The daily overdue run reads open items by due date.
@Index('ix_action_item_open_due_on', ['dueOn'], {
  where: `"status" IN ('OPEN', 'IN_PROGRESS')`,
})
@Check('ck_action_item_status', sqlIn('status', ACTION_ITEM_STATUSES))
@Check('ck_action_item_title_not_blank', `btrim("title") <> ''`)
export class ActionItemEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_action_item' })
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => MentoringSessionEntity, { nullable: false })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_action_item_session_id' })
  session?: Relation<MentoringSessionEntity>;

  /** The session's startup, kept here so that scope checks need no join. */
  @Column({ name: 'startup_id', type: 'uuid' })
  startupId!: string;

  @ManyToOne(() => StartupEntity, { nullable: false })
  @JoinColumn({ name: 'startup_id', foreignKeyConstraintName: 'fk_action_item_startup_id' })
  startup?: Relation<StartupEntity>;

  @Column({ name: 'title', type: 'text' })
  title!: string;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId!: string | null;

  @ManyToOne(() => AppUserEntity, { nullable: true })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_action_item_owner_id' })
  owner?: Relation<AppUserEntity> | null;

  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn!: string | null;

  @Column({ name: 'status', type: 'text', default: 'OPEN' })
  status!: ActionItemStatus;

  @VersionColumn({ name: 'version', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
