import type { ApplicationCriterion, ApplicationQuestion } from './applications';
import type { DomainCode, TerritoryCode, StructureKind, ProgrammeMode } from './reference-data';
import type { Role, RoleGrant } from './roles';
import type { Stage, StartupStatus } from './stages';

/** RFC 9457 problem details, as every error of the API is answered. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { path: string; message: string }[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface UserSummary {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
}

export interface LoginResponse {
  accessToken: string;
  expiresIn: number;
  user: UserSummary;
}

export interface MeResponse extends UserSummary {
  grants: RoleGrant[];
}

export interface StructureView {
  id: string;
  name: string;
  kind: StructureKind;
  territory: TerritoryCode | null;
  placeId: string | null;
  version: number;
}

export interface ChecklistTemplateItem {
  key: string;
  title: string;
  required: boolean;
}

export interface ProgrammeView {
  id: string;
  structureId: string;
  name: string;
  stage: Stage;
  mode: ProgrammeMode;
  capacity: number | null;
  reviewIntervalDays: number;
  timeInStageLimitDays: number | null;
  allowsDirectEntry: boolean;
  checklistTemplate: ChecklistTemplateItem[];
  targets: Record<string, number>;
  /** The application form: questions founders answer, criteria reviewers score. */
  applicationQuestions: ApplicationQuestion[];
  applicationCriteria: ApplicationCriterion[];
  /** Reviews needed before an application's average is known. */
  reviewersRequired: number;
  /** Entering the programme needs a hosting agreement covering the day of the move. */
  requiresHostingAgreement: boolean;
  version: number;
}

export interface CohortView {
  id: string;
  programmeId: string;
  name: string;
  startsOn: string;
  endsOn: string | null;
  capacity: number | null;
}

export interface StartupView {
  id: string;
  name: string;
  legalName: string | null;
  siren: string | null;
  domain: DomainCode;
  territory: TerritoryCode;
  foundedOn: string | null;
  stage: Stage;
  stageEnteredAt: string;
  status: StartupStatus;
  tags: string[];
  description: string | null;
  website: string | null;
  structureId: string | null;
  programmeId: string | null;
  cohortId: string | null;
  version: number;
}
