import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TimelineEvent } from '@parcours/backoffice-data-access';
import { TIMELINE_EVENT_KINDS, type TimelineEventKind } from '@parcours/contracts';
import { describeEvent } from './describe-event';

type Translations = Record<string, unknown>;
const translations = (language: string): Translations =>
  JSON.parse(
    readFileSync(
      join(__dirname, '../../../../../../apps/backoffice/public/i18n', `${language}.json`),
      'utf8',
    ),
  ) as Translations;

function lookUp(dictionary: Translations, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        node !== null && typeof node === 'object' ? (node as Translations)[part] : undefined,
      dictionary,
    );
}

/** Each kind with the payloads that give it different sentences, as the API writes them. */
const PAYLOADS: Record<TimelineEventKind, Record<string, unknown>[]> = {
  TRANSITION_REQUESTED: [
    { fromStage: 'NURSERY', toStage: 'ACCELERATION', reason: 'Premiers clients' },
    { fromStage: null, toStage: 'DETECTION', reason: null },
  ],
  TRANSITION_DECIDED: [
    { decision: 'APPROVE', note: null },
    { decision: 'REJECT', note: 'Trop tôt' },
  ],
  TRANSITION_CANCELLED: [{}],
  TRANSITION_CONSENT_GIVEN: [{ note: null }],
  TRANSITION_CONSENT_DECLINED: [{ note: 'Pas maintenant' }],
  STAGE_LEFT: [{ stage: 'NURSERY', toStage: 'ACCELERATION' }],
  STAGE_ENTERED: [{ stage: 'ACCELERATION', fromStage: 'NURSERY' }],
  CHECKLIST_ITEM_UPDATED: [{ itemId: 'i1', key: 'kbis', from: 'OPEN', to: 'DONE' }],
  DOCUMENT_UPLOADED: [{ documentId: 'd1', fileName: 'kbis.pdf', mediaType: 'application/pdf' }],
  MENTORING_SESSION_LOGGED: [
    { sessionId: 's1', durationMinutes: 60, format: 'VIDEO', sharedWithFounders: true },
  ],
  KPI_REPORT_SUBMITTED: [{ reportId: 'r1', quarter: '2026-Q3' }],
  KPI_REPORT_AMENDED: [{ reportId: 'r1', quarter: '2026-Q3' }],
  APPLICATION_SUBMITTED: [{ applicationId: 'a1', programmeId: 'p1', programmeName: 'FFWD' }],
  APPLICATION_REVIEWED: [{ applicationId: 'a1', reviewCount: 1, reviewersRequired: 2 }],
  APPLICATION_DECIDED: [
    { applicationId: 'a1', decision: 'ACCEPT', note: null },
    { applicationId: 'a1', decision: 'REJECT', note: 'Hors filière' },
  ],
  HOSTING_AGREEMENT_SIGNED: [
    { agreementId: 'h1', startsOn: '2026-01-01', endsOn: '2026-12-31', seats: 2 },
    { agreementId: 'h1', startsOn: '2026-01-01', endsOn: null, seats: 2 },
    { agreementId: 'h1', seats: 2 },
  ],
  HOSTING_AGREEMENT_UPDATED: [
    { agreementId: 'h1', from: null, endsOn: '2026-06-30' },
    { agreementId: 'h1', from: '2026-06-30', endsOn: null },
  ],
};

const event = (kind: string, payload: Record<string, unknown>): TimelineEvent => ({
  id: '1',
  occurredAt: '2026-11-20T10:00:00.000Z',
  kind,
  actorId: null,
  transitionId: null,
  payload,
});

describe('describeEvent', () => {
  describe.each(['fr', 'en'])('gives every kind of the contracts a sentence in %s', (language) => {
    const dictionary = translations(language);

    it.each(TIMELINE_EVENT_KINDS.flatMap((kind) => PAYLOADS[kind].map((p) => [kind, p] as const)))(
      '%s %j',
      (kind, payload) => {
        const description = describeEvent(event(kind, payload));
        const sentence = lookUp(dictionary, description.key);

        expect(description.key).not.toBe('dossier.timeline.kinds.OTHER');
        expect(typeof sentence).toBe('string');
        for (const key of Object.values(description.translated)) {
          expect([key, typeof lookUp(dictionary, key)]).toEqual([key, 'string']);
        }
        // Every placeholder of the sentence is filled; none is left for the reader to see.
        const placeholders = [...String(sentence).matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]);
        const given = [
          ...Object.keys(description.params),
          ...Object.keys(description.translated),
          ...Object.keys(description.dates),
        ];
        expect(placeholders.filter((name) => !given.includes(name))).toEqual([]);
      },
    );
  });

  it('has the same timeline sentences in French and English', () => {
    const keysOf = (language: string) =>
      Object.keys(lookUp(translations(language), 'dossier.timeline.kinds') as Translations).sort();
    expect(keysOf('en')).toEqual(keysOf('fr'));
  });

  it('passes hosting dates as calendar dates and says when an agreement has no end', () => {
    expect(
      describeEvent(
        event('HOSTING_AGREEMENT_SIGNED', { startsOn: '2026-01-01', endsOn: '2026-12-31' }),
      ),
    ).toMatchObject({
      key: 'dossier.timeline.kinds.HOSTING_AGREEMENT_SIGNED',
      dates: { startsOn: '2026-01-01', endsOn: '2026-12-31' },
    });
    expect(describeEvent(event('HOSTING_AGREEMENT_UPDATED', { endsOn: null })).key).toBe(
      'dossier.timeline.kinds.HOSTING_AGREEMENT_UPDATED_OPEN',
    );
  });

  it('names the mentoring format and never shows the notes', () => {
    expect(
      describeEvent(
        event('MENTORING_SESSION_LOGGED', { durationMinutes: 45, format: 'PHONE', notes: 'x' }),
      ),
    ).toEqual({
      key: 'dossier.timeline.kinds.MENTORING_SESSION_LOGGED',
      params: { minutes: '45' },
      translated: { format: 'mentor.formats.PHONE' },
      dates: {},
      text: null,
    });
  });

  it('names the stages of a move request and keeps the reason as written', () => {
    expect(
      describeEvent(
        event('TRANSITION_REQUESTED', {
          fromStage: 'NURSERY',
          toStage: 'INCUBATION',
          reason: 'Pivot',
        }),
      ),
    ).toEqual({
      key: 'dossier.timeline.kinds.TRANSITION_REQUESTED',
      params: {},
      translated: { from: 'stages.NURSERY', to: 'stages.INCUBATION' },
      dates: {},
      text: 'Pivot',
    });
  });

  it('tells a first entry from a move', () => {
    expect(
      describeEvent(event('TRANSITION_REQUESTED', { fromStage: null, toStage: 'DETECTION' })).key,
    ).toBe('dossier.timeline.kinds.TRANSITION_REQUESTED_FIRST');
  });

  it('tells approvals from rejections, with the committee note', () => {
    expect(
      describeEvent(event('TRANSITION_DECIDED', { decision: 'REJECT', note: 'Trop tôt' })),
    ).toMatchObject({
      key: 'dossier.timeline.kinds.TRANSITION_REJECTED',
      text: 'Trop tôt',
    });
    expect(
      describeEvent(event('TRANSITION_DECIDED', { decision: 'APPROVE', note: null })).text,
    ).toBeNull();
  });

  it('describes checklist changes by item and new status', () => {
    expect(
      describeEvent(
        event('CHECKLIST_ITEM_UPDATED', { key: 'kbis', from: 'OPEN', to: 'SUBMITTED' }),
      ),
    ).toMatchObject({
      params: { item: 'kbis' },
      translated: { status: 'dossier.checklist.status.SUBMITTED' },
    });
  });

  it('reads unknown kinds and stages without failing', () => {
    expect(describeEvent(event('SOMETHING_NEW', {}))).toMatchObject({
      key: 'dossier.timeline.kinds.OTHER',
      params: { kind: 'SOMETHING_NEW' },
    });
    expect(describeEvent(event('STAGE_ENTERED', { stage: 'MOON' })).translated).toEqual({
      stage: 'dossier.timeline.unknownStage',
    });
  });
});
