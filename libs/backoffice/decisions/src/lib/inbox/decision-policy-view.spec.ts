import { decisionRefusal } from './decision-policy-view';

describe('decisionRefusal', () => {
  const manager = { id: 'u-ffwd', grants: [] };

  it('lets a manager decide a move someone else requested', () => {
    expect(
      decisionRefusal({ requestedById: 'u-rouen', requiresFourEyes: true }, manager),
    ).toBeNull();
  });

  it('refuses the requester of a four-eyes move, admins included', () => {
    expect(decisionRefusal({ requestedById: 'u-ffwd', requiresFourEyes: true }, manager)).toBe(
      'FOUR_EYES_REQUESTER_CANNOT_DECIDE',
    );
    expect(
      decisionRefusal(
        { requestedById: 'u-admin', requiresFourEyes: true },
        { id: 'u-admin', grants: [{ role: 'admin', scope: 'GLOBAL', scopeId: null }] },
      ),
    ).toBe('FOUR_EYES_REQUESTER_CANNOT_DECIDE');
  });

  it('lets the requester decide a move without four eyes', () => {
    expect(
      decisionRefusal({ requestedById: 'u-ffwd', requiresFourEyes: false }, manager),
    ).toBeNull();
  });
});
