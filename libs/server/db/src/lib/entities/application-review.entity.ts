import type { ApplicationScore } from '@parcours/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  type Relation,
} from 'typeorm';
import { AppUserEntity } from './app-user.entity';
import { ApplicationEntity } from './application.entity';

/** One reviewer's scores of an application on the programme's criteria; one per reviewer. */
@Entity({ name: 'application_review' })
@Unique('uq_application_review_application_id_reviewed_by_id', ['applicationId', 'reviewedById'])
@Check('ck_application_review_scores_array', `jsonb_typeof("scores") = 'array'`)
@Check('ck_application_review_weighted_score_range', `"weighted_score" >= 0`)
export class ApplicationReviewEntity {
  @PrimaryGeneratedColumn('uuid', {
    name: 'id',
    primaryKeyConstraintName: 'pk_application_review',
  })
  id!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @ManyToOne(() => ApplicationEntity, { nullable: false })
  @JoinColumn({
    name: 'application_id',
    foreignKeyConstraintName: 'fk_application_review_application_id',
  })
  application?: Relation<ApplicationEntity>;

  @Column({ name: 'reviewed_by_id', type: 'uuid' })
  reviewedById!: string;

  @ManyToOne(() => AppUserEntity, { nullable: false })
  @JoinColumn({
    name: 'reviewed_by_id',
    foreignKeyConstraintName: 'fk_application_review_reviewed_by_id',
  })
  reviewedBy?: Relation<AppUserEntity>;

  @Column({ name: 'scores', type: 'jsonb' })
  scores!: ApplicationScore[];

  /** Kept with the review: the criteria's weights may change after it was given. */
  @Column({ name: 'weighted_score', type: 'numeric', precision: 6, scale: 3 })
  weightedScore!: string;

  @Column({ name: 'comment', type: 'text', nullable: true })
  comment!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
