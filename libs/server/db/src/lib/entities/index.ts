import { AppUserEntity } from './app-user.entity';
import { ChecklistItemEntity } from './checklist-item.entity';
import { CohortEntity } from './cohort.entity';
import { EnrolmentEntity } from './enrolment.entity';
import { NotificationEntity } from './notification.entity';
import { OutboxMessageEntity } from './outbox-message.entity';
import { PlaceEntity } from './place.entity';
import { ProgrammeEntity } from './programme.entity';
import { RoleGrantEntity } from './role-grant.entity';
import { ScheduledReminderEntity } from './scheduled-reminder.entity';
import { StageStayEntity } from './stage-stay.entity';
import { StartupEntity } from './startup.entity';
import { StructureEntity } from './structure.entity';
import { TerritoryEntity } from './territory.entity';
import { TimelineEventEntity } from './timeline-event.entity';
import { TransitionBatchItemEntity } from './transition-batch-item.entity';
import { TransitionBatchEntity } from './transition-batch.entity';
import { TransitionStepEntity } from './transition-step.entity';
import { TransitionEntity } from './transition.entity';

export {
  AppUserEntity,
  ChecklistItemEntity,
  CohortEntity,
  EnrolmentEntity,
  NotificationEntity,
  OutboxMessageEntity,
  PlaceEntity,
  ProgrammeEntity,
  RoleGrantEntity,
  ScheduledReminderEntity,
  StageStayEntity,
  StartupEntity,
  StructureEntity,
  TerritoryEntity,
  TimelineEventEntity,
  TransitionBatchEntity,
  TransitionBatchItemEntity,
  TransitionEntity,
  TransitionStepEntity,
};

/** Every entity, for DataSource options and `TypeOrmModule.forFeature`. */
export const ENTITIES = [
  TerritoryEntity,
  PlaceEntity,
  StructureEntity,
  ProgrammeEntity,
  CohortEntity,
  AppUserEntity,
  RoleGrantEntity,
  StartupEntity,
  TransitionBatchEntity,
  TransitionEntity,
  TransitionStepEntity,
  TransitionBatchItemEntity,
  StageStayEntity,
  TimelineEventEntity,
  ChecklistItemEntity,
  EnrolmentEntity,
  ScheduledReminderEntity,
  NotificationEntity,
  OutboxMessageEntity,
] as const;
