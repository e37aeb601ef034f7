import { invitationTokenFrom } from './invitation-token';

describe('invitationTokenFrom', () => {
  const token = 'q3X2a_9-k1P0zYb8c7D6e5F4g3H2i1J0kLmNoPqRsTu';

  it('reads the token of the link fragment, with or without the #', () => {
    expect(invitationTokenFrom(`token=${token}`)).toBe(token);
    expect(invitationTokenFrom(`#token=${token}`)).toBe(token);
  });

  it('refuses a missing or malformed token', () => {
    expect(invitationTokenFrom(null)).toBeNull();
    expect(invitationTokenFrom('')).toBeNull();
    expect(invitationTokenFrom('other=1')).toBeNull();
    expect(invitationTokenFrom('token=short')).toBeNull();
    expect(invitationTokenFrom('token=<script>alert(1)</script>xxxxxxxxxxxxxxx')).toBeNull();
  });
});
