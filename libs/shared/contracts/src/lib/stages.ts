/** The five pipeline stages, in order. Their order is part of the domain: see `stageIndex`. */
export const PIPELINE_STAGES = [
  'DETECTION',
  'INCUBATION',
  'NURSERY',
  'ACCELERATION',
  'INTERNATIONALISATION',
] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

/** Where a startup ends up when it leaves the pipeline. */
export const OUTCOME_STAGES = ['ALUMNI', 'EXITED'] as const;
export type OutcomeStage = (typeof OUTCOME_STAGES)[number];

export const STAGES = [...PIPELINE_STAGES, ...OUTCOME_STAGES] as const;
export type Stage = PipelineStage | OutcomeStage;

export function isPipelineStage(stage: string): stage is PipelineStage {
  return (PIPELINE_STAGES as readonly string[]).includes(stage);
}

export function isStage(stage: string): stage is Stage {
  return (STAGES as readonly string[]).includes(stage);
}

/** Stages whose entry needs a decision by someone other than the requester. */
export const FOUR_EYES_STAGES: readonly PipelineStage[] = ['ACCELERATION', 'INTERNATIONALISATION'];

export const STARTUP_STATUSES = ['ACTIVE', 'ON_HOLD'] as const;
export type StartupStatus = (typeof STARTUP_STATUSES)[number];

export const EXIT_REASONS = ['CLOSED', 'ACQUIRED', 'ABANDONED', 'RELOCATED', 'OTHER'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];
