import { CHECKLIST_STATUSES, STAGES, type ChecklistStatus, type Stage } from '@parcours/contracts';
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
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { sqlIn } from '../schema/sql';
import { AppUserEntity } from './app-user.entity';
import { DocumentEntity } from './document.entity';
import { StageStayEntity } from './stage-stay.entity';
import { StartupEntity } from './startup.entity';
import { TransitionEntity } from './transition.entity';

/** An item of a stage's checklist, copied from the programme's template when the stay opens. */
@Entity({ name: 'checklist_item' })
// One item per template key and stay: reopening the checklist (a retried step) is a no-op.
@Unique('uq_checklist_item_stay_id_key', ['stayId', 'key'])
@Index('ix_checklist_item_startup_id', ['startupId'])
@Check('ck_checklist_item_stage', sqlIn('stage', STAGES))
@Check('ck_checklist_item_status', sqlIn('status', CHECKLIST_STATUSES))
@Check(
  'ck_checklist_item_waiver_has_reason',
  `"status" <> 'WAIVED' OR btrim(coalesce("waiver_reason", '')) <> ''`,
)
export class ChecklistItemEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_checklist_item' })
  id!: string;

  @Column({ name: 'startup_id', type: 'uuid' })
  startupId!: string;

  @ManyToOne(() => StartupEntity, { nullable: false })
  @JoinColumn({ name: 'startup_id', foreignKeyConstraintName: 'fk_checklist_item_startup_id' })
  startup?: Relation<StartupEntity>;

  @Column({ name: 'stay_id', type: 'uuid' })
  stayId!: string;

  @ManyToOne(() => StageStayEntity, { nullable: false })
  @JoinColumn({ name: 'stay_id', foreignKeyConstraintName: 'fk_checklist_item_stay_id' })
  stay?: Relation<StageStayEntity>;

  @Column({ name: 'stage', type: 'text' })
  stage!: Stage;

  @Column({ name: 'key', type: 'text' })
  key!: string;

  @Column({ name: 'title', type: 'text' })
  title!: string;

  @Column({ name: 'required', type: 'boolean', default: false })
  required!: boolean;

  @Column({ name: 'status', type: 'text', default: 'OPEN' })
  status!: ChecklistStatus;

  @Column({ name: 'note', type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'waiver_reason', type: 'text', nullable: true })
  waiverReason!: string | null;

  @Column({ name: 'validated_by_id', type: 'uuid', nullable: true })
  validatedById!: string | null;

  @ManyToOne(() => AppUserEntity, { nullable: true })
  @JoinColumn({
    name: 'validated_by_id',
    foreignKeyConstraintName: 'fk_checklist_item_validated_by_id',
  })
  validatedBy?: Relation<AppUserEntity> | null;

  /** The linked document: one of the same startup (checked when an item is changed). */
  @Column({ name: 'document_id', type: 'uuid', nullable: true })
  documentId!: string | null;

  @ManyToOne(() => DocumentEntity, { nullable: true })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'fk_checklist_item_document_id' })
  document?: Relation<DocumentEntity> | null;

  @Column({ name: 'opened_by_transition_id', type: 'uuid', nullable: true })
  openedByTransitionId!: string | null;

  @ManyToOne(() => TransitionEntity, { nullable: true })
  @JoinColumn({
    name: 'opened_by_transition_id',
    foreignKeyConstraintName: 'fk_checklist_item_opened_by_transition_id',
  })
  openedByTransition?: Relation<TransitionEntity> | null;

  @VersionColumn({ name: 'version', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
