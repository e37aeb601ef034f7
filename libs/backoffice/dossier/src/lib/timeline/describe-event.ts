import type { TimelineEvent } from '@parcours/backoffice-data-access';
import {
  SESSION_FORMATS,
  isStage,
  isTimelineEventKind,
  type TimelineEventKind,
} from '@parcours/contracts';

/** A timeline event in words: a translation key and its parameters, plus an optional detail. */
export interface EventDescription {
  key: string;
  params: Record<string, string>;
  /** Keys of parameters that are stages or statuses, translated before use. */
  translated: Record<string, string>;
  /** ISO calendar dates (`2026-11-26`), written out in the reader's language before use. */
  dates: Record<string, string>;
  /** Free text written by a person (a reason, a note): shown as it was written. */
  text: string | null;
}

const KINDS = 'dossier.timeline.kinds.';

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;

const word = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '?';

const isoDate = (value: unknown): string | null =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;

const stageKey = (value: unknown): string =>
  typeof value === 'string' && isStage(value) ? `stages.${value}` : 'dossier.timeline.unknownStage';

const formatKey = (value: unknown): string =>
  typeof value === 'string' && (SESSION_FORMATS as readonly string[]).includes(value)
    ? `mentor.formats.${value}`
    : 'dossier.timeline.unknownFormat';

function sentence(
  key: string,
  parts: Partial<Omit<EventDescription, 'key'>> = {},
): EventDescription {
  return {
    key: KINDS + key,
    params: parts.params ?? {},
    translated: parts.translated ?? {},
    dates: parts.dates ?? {},
    text: parts.text ?? null,
  };
}

/**
 * Every kind of the contracts' TIMELINE_EVENT_KINDS has its sentence here; a kind the API writes
 * later, before the back-office knows it, reads as a generic line rather than breaking the page.
 */
export function describeEvent(event: TimelineEvent): EventDescription {
  return isTimelineEventKind(event.kind)
    ? describeKnown(event.kind, event.payload)
    : sentence('OTHER', { params: { kind: event.kind } });
}

function describeKnown(
  kind: TimelineEventKind,
  payload: Record<string, unknown>,
): EventDescription {
  switch (kind) {
    case 'STAGE_ENTERED':
    case 'STAGE_LEFT':
      return sentence(kind, { translated: { stage: stageKey(payload['stage']) } });
    case 'TRANSITION_REQUESTED':
      return sentence(payload['fromStage'] ? kind : 'TRANSITION_REQUESTED_FIRST', {
        translated: { from: stageKey(payload['fromStage']), to: stageKey(payload['toStage']) },
        text: text(payload['reason']),
      });
    case 'TRANSITION_DECIDED':
      return sentence(
        payload['decision'] === 'REJECT' ? 'TRANSITION_REJECTED' : 'TRANSITION_APPROVED',
        { text: text(payload['note']) },
      );
    case 'TRANSITION_CANCELLED':
      return sentence(kind);
    case 'TRANSITION_CONSENT_GIVEN':
    case 'TRANSITION_CONSENT_DECLINED':
      return sentence(kind, { text: text(payload['note']) });
    case 'CHECKLIST_ITEM_UPDATED':
      return sentence(kind, {
        params: { item: typeof payload['key'] === 'string' ? payload['key'] : '' },
        translated: { status: checklistStatusKey(payload['to']) },
      });
    case 'DOCUMENT_UPLOADED':
      return sentence(kind, { params: { fileName: word(payload['fileName']) } });
    case 'MENTORING_SESSION_LOGGED':
      return sentence(kind, {
        params: { minutes: word(payload['durationMinutes']) },
        translated: { format: formatKey(payload['format']) },
      });
    case 'KPI_REPORT_SUBMITTED':
    case 'KPI_REPORT_AMENDED':
      return sentence(kind, { params: { quarter: word(payload['quarter']) } });
    case 'APPLICATION_SUBMITTED':
      return sentence(kind, { params: { programme: word(payload['programmeName']) } });
    case 'APPLICATION_REVIEWED':
      return sentence(kind, {
        params: {
          count: word(payload['reviewCount']),
          required: word(payload['reviewersRequired']),
        },
      });
    case 'APPLICATION_DECIDED':
      return sentence(
        payload['decision'] === 'REJECT' ? 'APPLICATION_REJECTED' : 'APPLICATION_ACCEPTED',
        { text: text(payload['note']) },
      );
    case 'HOSTING_AGREEMENT_SIGNED':
      return hostingSentence(kind, payload['startsOn'], payload['endsOn']);
    case 'HOSTING_AGREEMENT_UPDATED': {
      const endsOn = isoDate(payload['endsOn']);
      return endsOn
        ? sentence(kind, { dates: { endsOn } })
        : sentence('HOSTING_AGREEMENT_UPDATED_OPEN');
    }
  }
}

function hostingSentence(kind: string, starts: unknown, ends: unknown): EventDescription {
  const startsOn = isoDate(starts);
  const endsOn = isoDate(ends);
  if (!startsOn) return sentence(`${kind}_UNDATED`);
  return endsOn
    ? sentence(kind, { dates: { startsOn, endsOn } })
    : sentence(`${kind}_OPEN`, { dates: { startsOn } });
}

function checklistStatusKey(value: unknown): string {
  return typeof value === 'string' && ['OPEN', 'SUBMITTED', 'DONE', 'WAIVED'].includes(value)
    ? `dossier.checklist.status.${value}`
    : 'dossier.timeline.unknownStatus';
}
