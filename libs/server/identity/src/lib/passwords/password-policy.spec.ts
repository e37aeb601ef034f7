import { PASSWORD_MIN_LENGTH, assertPasswordAcceptable, passwordProblems } from './password-policy';

const owner = { email: 'camille.martin@example.fr', displayName: 'Camille Martin' };

describe('password policy', () => {
  it('accepts a long passphrase of unrelated words', () => {
    expect(passwordProblems('tugboat-orchard-velvet-1987', owner)).toEqual([]);
    expect(passwordProblems('correct-horse-battery-staple', owner)).toEqual([]);
  });

  it(`refuses fewer than ${PASSWORD_MIN_LENGTH} characters`, () => {
    expect(passwordProblems('Xq7#vLp2$kM', owner)).toEqual(['must be at least 12 characters long']);
  });

  it('refuses more than 128 characters', () => {
    expect(passwordProblems('a-b'.repeat(50), owner)).toEqual([
      'must be at most 128 characters long',
    ]);
  });

  it.each(['password1234', 'qwertyuiop123', '123456789012', 'iloveyou2010'])(
    'refuses the common or guessable password %s',
    (password) => {
      expect(passwordProblems(password, owner).length).toBeGreaterThan(0);
    },
  );

  it('refuses an entry of the breached-password list, whatever its case', () => {
    // 'leavemealone' is in @zxcvbn-ts/language-common's list of common passwords.
    expect(passwordProblems('LeaveMeAlone', owner)).toContain(
      'is a commonly used password found in breach lists',
    );
  });

  it('refuses a repeated character', () => {
    expect(passwordProblems('aaaaaaaaaaaaaaaa', owner).length).toBeGreaterThan(0);
  });

  it.each([
    ['the e-mail address', 'camille.martin@example.fr'],
    ['the e-mail local part', 'camille.martin-2026!'],
    ['the name, accents and case aside', 'CamilleMartin!2026xyz'],
    ['a part of the name', 'zebra-Martin-glacier-7'],
  ])('refuses a password made of %s', (_label, password) => {
    expect(passwordProblems(password, { ...owner, displayName: 'Camille Martín' })).toContain(
      'must not contain your e-mail address or name',
    );
  });

  it('throws a 400 problem naming the password field', () => {
    let thrown: unknown;
    try {
      assertPasswordAcceptable('short', owner);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({
      problem: {
        status: 400,
        errors: [{ path: 'password', message: 'must be at least 12 characters long' }],
      },
    });
  });
});
