import type { TimelineEvent } from '@parcours/backoffice-data-access';
import { isStage } from '@parcours/contracts';

/** A timeline event in words: a translation key and its parameters, plus an optional detail. */
export interface EventDescription {
  key: string;
  params: Record<string, string>;
  /** Keys of parameters that are stages or statuses, translated before use. */
  translated: Record<string, string>;
  /** Free text written by a person (a reason, a note): shown as it was written. */
  text: string | null;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;

const stageKey = (value: unknown): string =>
  typeof value === 'string' && isStage(value) ? `stages.${value}` : 'dossier.timeline.unknownStage';

/**
 * Kinds written today: stage entries and exits, move requests, decisions and cancellations,
 * checklist changes. Kinds added later by other capabilities (sessions, documents, KPI reports)
 * read as a generic line until they are described here, rather than breaking the page.
 */
export function describeEvent(event: TimelineEvent): EventDescription {
  const payload = event.payload;
  switch (event.kind) {
    case 'STAGE_ENTERED':
      return {
        key: 'dossier.timeline.kinds.STAGE_ENTERED',
        params: {},
        translated: { stage: stageKey(payload['stage']) },
        text: null,
      };
    case 'STAGE_LEFT':
      return {
        key: 'dossier.timeline.kinds.STAGE_LEFT',
        params: {},
        translated: { stage: stageKey(payload['stage']) },
        text: null,
      };
    case 'TRANSITION_REQUESTED':
      return {
        key: payload['fromStage']
          ? 'dossier.timeline.kinds.TRANSITION_REQUESTED'
          : 'dossier.timeline.kinds.TRANSITION_REQUESTED_FIRST',
        params: {},
        translated: { from: stageKey(payload['fromStage']), to: stageKey(payload['toStage']) },
        text: text(payload['reason']),
      };
    case 'TRANSITION_DECIDED':
      return {
        key:
          payload['decision'] === 'REJECT'
            ? 'dossier.timeline.kinds.TRANSITION_REJECTED'
            : 'dossier.timeline.kinds.TRANSITION_APPROVED',
        params: {},
        translated: {},
        text: text(payload['note']),
      };
    case 'TRANSITION_CANCELLED':
      return {
        key: 'dossier.timeline.kinds.TRANSITION_CANCELLED',
        params: {},
        translated: {},
        text: null,
      };
    case 'CHECKLIST_ITEM_UPDATED':
      return {
        key: 'dossier.timeline.kinds.CHECKLIST_ITEM_UPDATED',
        params: { item: typeof payload['key'] === 'string' ? payload['key'] : '' },
        translated: { status: checklistStatusKey(payload['to']) },
        text: null,
      };
    default:
      return {
        key: 'dossier.timeline.kinds.OTHER',
        params: { kind: event.kind },
        translated: {},
        text: null,
      };
  }
}

function checklistStatusKey(value: unknown): string {
  return typeof value === 'string' && ['OPEN', 'SUBMITTED', 'DONE', 'WAIVED'].includes(value)
    ? `dossier.checklist.status.${value}`
    : 'dossier.timeline.unknownStatus';
}
