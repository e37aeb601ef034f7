import { checkDecisionAllowed, isApprovedOnRequest, type DecisionRule } from './decision-policy';

describe('checkDecisionAllowed', () => {
  // prettier-ignore
  const TABLE: [decider: 'requester' | 'someone else', fourEyes: boolean, admin: boolean, manager: boolean, expected: DecisionRule | 'allowed'][] = [
    ['someone else', true,  false, true,  'allowed'],
    ['someone else', true,  true,  false, 'allowed'],
    ['someone else', true,  true,  true,  'allowed'],
    ['someone else', true,  false, false, 'NOT_A_DECIDER'],
    ['someone else', false, false, true,  'allowed'],
    ['someone else', false, true,  false, 'allowed'],
    ['someone else', false, false, false, 'NOT_A_DECIDER'],
    ['requester',    true,  false, true,  'FOUR_EYES_REQUESTER_CANNOT_DECIDE'],
    ['requester',    true,  true,  false, 'FOUR_EYES_REQUESTER_CANNOT_DECIDE'],
    ['requester',    true,  true,  true,  'FOUR_EYES_REQUESTER_CANNOT_DECIDE'],
    ['requester',    true,  false, false, 'NOT_A_DECIDER'],
    ['requester',    false, false, true,  'allowed'],
    ['requester',    false, true,  false, 'allowed'],
    ['requester',    false, false, false, 'NOT_A_DECIDER'],
  ];

  it.each(TABLE)(
    'decider %s, four eyes %p, admin %p, manager of target %p → %s',
    (decider, requiresFourEyes, deciderIsAdmin, deciderManagesTargetStructure, expected) => {
      const result = checkDecisionAllowed({
        requesterId: 'user-requester',
        deciderId: decider === 'requester' ? 'user-requester' : 'user-other',
        requiresFourEyes,
        deciderIsAdmin,
        deciderManagesTargetStructure,
      });
      if (expected === 'allowed') {
        expect(result).toEqual({ allowed: true });
      } else {
        expect(result).toEqual({
          allowed: false,
          rule: expected,
          message: expect.stringContaining(`rule ${expected}`),
        });
      }
    },
  );
});

describe('isApprovedOnRequest', () => {
  it.each([
    [false, true, true],
    [false, false, false],
    [true, true, false],
    [true, false, false],
  ])(
    'four eyes %p, requester may decide %p → approved at once: %p',
    (requiresFourEyes, requesterMayDecide, approved) => {
      expect(isApprovedOnRequest({ requiresFourEyes, requesterMayDecide })).toBe(approved);
    },
  );
});
