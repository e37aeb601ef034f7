import { STAGES, type Stage } from '@parcours/contracts';
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
import { sqlIn } from '../schema/sql';
import { CohortEntity } from './cohort.entity';
import { ProgrammeEntity } from './programme.entity';
import { StartupEntity } from './startup.entity';
import { StructureEntity } from './structure.entity';
import { TransitionEntity } from './transition.entity';

/** `[enteredAt, leftAt)` in one stage: the unit every analytics figure is computed from. */
@Entity({ name: 'stage_stay' })
// A startup is in exactly one stage at a time; the database refuses a second open stay.
@Index('uq_stage_stay_one_open_per_startup', ['startupId'], {
  unique: true,
  where: `"left_at" IS NULL`,
})
@Index('ix_stage_stay_stage_entered_at', ['stage', 'enteredAt'])
@Index('ix_stage_stay_startup_id_entered_at', ['startupId', 'enteredAt'])
@Index('ix_stage_stay_startup_id_structure_id', ['startupId', 'structureId'])
// Partial, with INCLUDE (startup_id), written by the migration.
@Index('ix_stage_stay_structure_id', { synchronize: false })
@Check('ck_stage_stay_stage', sqlIn('stage', STAGES))
@Check('ck_stage_stay_left_to_stage', sqlIn('left_to_stage', STAGES))
@Check('ck_stage_stay_left_after_entered', `"left_at" >= "entered_at"`)
@Check(
  'ck_stage_stay_open_has_no_exit',
  `"left_at" IS NOT NULL OR ("left_by_transition_id" IS NULL AND "left_to_stage" IS NULL)`,
)
export class StageStayEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_stage_stay' })
  id!: string;

  @Column({ name: 'startup_id', type: 'uuid' })
  startupId!: string;

  @ManyToOne(() => StartupEntity, { nullable: false })
  @JoinColumn({ name: 'startup_id', foreignKeyConstraintName: 'fk_stage_stay_startup_id' })
  startup?: Relation<StartupEntity>;

  @Column({ name: 'stage', type: 'text' })
  stage!: Stage;

  @Column({ name: 'structure_id', type: 'uuid', nullable: true })
  structureId!: string | null;

  @ManyToOne(() => StructureEntity, { nullable: true })
  @JoinColumn({ name: 'structure_id', foreignKeyConstraintName: 'fk_stage_stay_structure_id' })
  structure?: Relation<StructureEntity> | null;

  @Column({ name: 'programme_id', type: 'uuid', nullable: true })
  programmeId!: string | null;

  @ManyToOne(() => ProgrammeEntity, { nullable: true })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'fk_stage_stay_programme_id' })
  programme?: Relation<ProgrammeEntity> | null;

  @Column({ name: 'cohort_id', type: 'uuid', nullable: true })
  cohortId!: string | null;

  @ManyToOne(() => CohortEntity, { nullable: true })
  @JoinColumn({ name: 'cohort_id', foreignKeyConstraintName: 'fk_stage_stay_cohort_id' })
  cohort?: Relation<CohortEntity> | null;

  @Column({ name: 'entered_at', type: 'timestamptz' })
  enteredAt!: Date;

  @Column({ name: 'left_at', type: 'timestamptz', nullable: true })
  leftAt!: Date | null;

  /** Every stay begins with a completed transition, imported history included. */
  @Column({ name: 'entered_by_transition_id', type: 'uuid' })
  enteredByTransitionId!: string;

  @ManyToOne(() => TransitionEntity, { nullable: false })
  @JoinColumn({
    name: 'entered_by_transition_id',
    foreignKeyConstraintName: 'fk_stage_stay_entered_by_transition_id',
  })
  enteredByTransition?: Relation<TransitionEntity>;

  @Column({ name: 'left_by_transition_id', type: 'uuid', nullable: true })
  leftByTransitionId!: string | null;

  @ManyToOne(() => TransitionEntity, { nullable: true })
  @JoinColumn({
    name: 'left_by_transition_id',
    foreignKeyConstraintName: 'fk_stage_stay_left_by_transition_id',
  })
  leftByTransition?: Relation<TransitionEntity> | null;

  /** Where the startup went; lets the funnel tell moved on, moved back and exited apart. */
  @Column({ name: 'left_to_stage', type: 'text', nullable: true })
  leftToStage!: Stage | null;
}
