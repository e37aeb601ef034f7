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
  type Relation,
} from 'typeorm';
import { ProgrammeEntity } from './programme.entity';

@Entity({ name: 'cohort' })
@Unique('uq_cohort_programme_id_name', ['programmeId', 'name'])
@Check('ck_cohort_name_not_blank', `btrim("name") <> ''`)
@Check('ck_cohort_ends_after_start', `"ends_on" >= "starts_on"`)
@Check('ck_cohort_capacity_positive', `"capacity" > 0`)
export class CohortEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_cohort' })
  id!: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => ProgrammeEntity, { nullable: false })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'fk_cohort_programme_id' })
  programme?: Relation<ProgrammeEntity>;

  @Column({ name: 'name', type: 'text' })
  name!: string;

  /** ISO date (YYYY-MM-DD): a cohort starts on a calendar day, not at an instant. */
  @Column({ name: 'starts_on', type: 'date' })
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn!: string | null;

  @Column({ name: 'capacity', type: 'integer', nullable: true })
  capacity!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
