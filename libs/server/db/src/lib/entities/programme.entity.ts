import {
  PIPELINE_STAGES,
  PROGRAMME_MODES,
  type ApplicationCriterion,
  type ApplicationQuestion,
  type ChecklistTemplateItem,
  type PipelineStage,
  type ProgrammeMode,
} from '@parcours/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { sqlIn } from '../schema/sql';
import { StructureEntity } from './structure.entity';

@Entity({ name: 'programme' })
@Unique('uq_programme_structure_id_name', ['structureId', 'name'])
@Check('ck_programme_stage', sqlIn('stage', PIPELINE_STAGES))
@Check('ck_programme_mode', sqlIn('mode', PROGRAMME_MODES))
@Check('ck_programme_name_not_blank', `btrim("name") <> ''`)
@Check('ck_programme_capacity_positive', `"capacity" > 0`)
@Check('ck_programme_review_interval_days_positive', `"review_interval_days" > 0`)
@Check('ck_programme_time_in_stage_limit_days_positive', `"time_in_stage_limit_days" > 0`)
@Check('ck_programme_checklist_template_array', `jsonb_typeof("checklist_template") = 'array'`)
@Check(
  'ck_programme_application_questions_array',
  `jsonb_typeof("application_questions") = 'array'`,
)
@Check('ck_programme_targets_object', `jsonb_typeof("targets") = 'object'`)
@Check('ck_programme_application_criteria_array', `jsonb_typeof("application_criteria") = 'array'`)
@Check('ck_programme_reviewers_required_positive', `"reviewers_required" > 0`)
export class ProgrammeEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_programme' })
  id!: string;

  @Column({ name: 'structure_id', type: 'uuid' })
  structureId!: string;

  @ManyToOne(() => StructureEntity, { nullable: false })
  @JoinColumn({ name: 'structure_id', foreignKeyConstraintName: 'fk_programme_structure_id' })
  structure?: Relation<StructureEntity>;

  @Column({ name: 'name', type: 'text' })
  name!: string;

  @Column({ name: 'stage', type: 'text' })
  stage!: PipelineStage;

  @Column({ name: 'mode', type: 'text' })
  mode!: ProgrammeMode;

  /** Null: no limit on how many startups the programme follows at once. */
  @Column({ name: 'capacity', type: 'integer', nullable: true })
  capacity!: number | null;

  @Column({ name: 'review_interval_days', type: 'integer' })
  reviewIntervalDays!: number;

  @Column({ name: 'time_in_stage_limit_days', type: 'integer', nullable: true })
  timeInStageLimitDays!: number | null;

  @Column({ name: 'allows_direct_entry', type: 'boolean', default: false })
  allowsDirectEntry!: boolean;

  @Column({ name: 'checklist_template', type: 'jsonb', default: () => `'[]'` })
  checklistTemplate!: ChecklistTemplateItem[];

  /** The questions founders answer when they apply. */
  @Column({ name: 'application_questions', type: 'jsonb', default: () => `'[]'` })
  applicationQuestions!: ApplicationQuestion[];

  /** The weighted criteria reviewers score applications on. */
  @Column({ name: 'application_criteria', type: 'jsonb', default: () => `'[]'` })
  applicationCriteria!: ApplicationCriterion[];

  /** Reviews an application needs before its average is known. */
  @Column({ name: 'reviewers_required', type: 'integer', default: 1 })
  reviewersRequired!: number;

  /** Entry guard: the startup must hold a hosting agreement covering the day of the move. */
  @Column({ name: 'requires_hosting_agreement', type: 'boolean', default: false })
  requiresHostingAgreement!: boolean;

  /** Target key (e.g. `startupsAccelerated`) → figure to reach. */
  @Column({ name: 'targets', type: 'jsonb', default: () => `'{}'` })
  targets!: Record<string, number>;

  @VersionColumn({ name: 'version', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
