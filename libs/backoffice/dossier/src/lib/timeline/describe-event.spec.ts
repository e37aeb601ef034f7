import type { TimelineEvent } from '@parcours/backoffice-data-access';
import { describeEvent } from './describe-event';

const event = (kind: string, payload: Record<string, unknown>): TimelineEvent => ({
  id: '1',
  occurredAt: '2026-11-20T10:00:00.000Z',
  kind,
  actorId: null,
  transitionId: null,
  payload,
});

describe('describeEvent', () => {
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
