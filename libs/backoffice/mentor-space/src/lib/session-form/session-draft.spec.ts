import { blankSession, draftProblems, localMinute, sessionRequest } from './session-draft';

// Local time: the tests run in the machine's time zone, as the browser would.
const NOW = new Date(2026, 10, 26, 9, 41, 30);

describe('session draft', () => {
  it('starts as an hour in person just held, shared with the founders', () => {
    expect(blankSession(NOW, 's1')).toEqual({
      startupId: 's1',
      heldAt: '2026-11-26T09:41',
      durationMinutes: '60',
      format: 'IN_PERSON',
      topics: '',
      notes: '',
      privateNotes: '',
      sharedWithFounders: true,
      actionItems: [],
    });
    expect(localMinute(new Date(2026, 0, 5, 7, 3))).toBe('2026-01-05T07:03');
  });

  it('names each field to correct before sending', () => {
    const draft = {
      ...blankSession(NOW),
      heldAt: '2026-11-27T09:00',
      durationMinutes: '0',
      actionItems: [
        { key: 1, title: 'Relancer la banque', dueOn: '' },
        { key: 2, title: '  ', dueOn: '' },
      ],
    };
    expect(draftProblems(draft, NOW)).toEqual([
      { path: 'startupId', key: 'mentor.form.errors.startup' },
      { path: 'heldAt', key: 'mentor.form.errors.heldAtFuture' },
      { path: 'durationMinutes', key: 'mentor.form.errors.duration' },
      { path: 'actionItems.1.title', key: 'mentor.form.errors.actionTitle' },
    ]);
    expect(draftProblems(blankSession(NOW, 's1'), NOW)).toEqual([]);
  });

  it('sends what was typed, leaving out what was not', () => {
    const draft = {
      ...blankSession(NOW, 's1'),
      topics: 'financement, recrutement, financement',
      notes: ' Point trimestriel ',
      sharedWithFounders: false,
      actionItems: [
        { key: 1, title: ' Préparer le BFR ', dueOn: '2026-12-15' },
        { key: 2, title: 'Contacter Bpifrance', dueOn: '' },
      ],
    };
    expect(sessionRequest(draft)).toEqual({
      heldAt: new Date(2026, 10, 26, 9, 41).toISOString(),
      durationMinutes: 60,
      format: 'IN_PERSON',
      sharedWithFounders: false,
      topics: ['financement', 'recrutement'],
      notes: 'Point trimestriel',
      actionItems: [
        { title: 'Préparer le BFR', dueOn: '2026-12-15' },
        { title: 'Contacter Bpifrance' },
      ],
    });
  });
});
