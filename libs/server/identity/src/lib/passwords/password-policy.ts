import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { validationProblem } from '@parcours/server-http';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 12;
/** argon2 takes any length; the cap only keeps strength estimation and hashing cheap. */
export const PASSWORD_MAX_LENGTH = 128;
/** zxcvbn's "safely unguessable" threshold (≥ 10^8 guesses): 3 of 0–4. */
const MIN_STRENGTH_SCORE = 3;

/** Who the password is for: it must not be made of their own e-mail or name. */
export interface PasswordOwner {
  email: string;
  displayName?: string | null;
}

type Dictionary = Record<string, string[]>;

/** The ~50,000 most common leaked passwords shipped with @zxcvbn-ts/language-common. */
const dictionaries = (zxcvbnCommon as { dictionary: Dictionary }).dictionary;
const commonPasswords = new Set(
  (dictionaries['passwords-common'] ?? []).map((password) => password.toLowerCase()),
);

let estimator: ZxcvbnFactory | undefined;
/** Built on first use: loading the dictionaries takes a few hundred milliseconds. */
const strengthEstimator = () =>
  (estimator ??= new ZxcvbnFactory({
    dictionary: dictionaries,
    graphs: zxcvbnCommon.adjacencyGraphs,
    useLevenshteinDistance: true,
  }));

const normalise = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** The pieces of the owner's identity that a password must not contain. */
function personalTokens(owner: PasswordOwner): string[] {
  const email = normalise(owner.email.trim());
  const [localPart = '', domain = ''] = email.split('@');
  const name = normalise(owner.displayName?.trim() ?? '');
  const tokens = [
    email,
    localPart,
    domain.split('.')[0] ?? '',
    name.replace(/\s+/g, ''),
    ...localPart.split(/[._+-]+/),
    ...name.split(/[\s._'-]+/),
  ];
  // Short fragments ("jo", "de") occur in too many good passwords to refuse them.
  return [...new Set(tokens.filter((token) => token.length >= 4))];
}

/**
 * What is wrong with a password, as messages for the `password` field; empty when acceptable.
 * Rules (NIST SP 800-63B §5.1.1.2): at least 12 characters, not a known common or breached
 * password, not built from the owner's e-mail or name, and not easy to guess otherwise.
 */
export function passwordProblems(password: string, owner: PasswordOwner): string[] {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return [`must be at least ${PASSWORD_MIN_LENGTH} characters long`];
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return [`must be at most ${PASSWORD_MAX_LENGTH} characters long`];
  }
  const problems: string[] = [];
  const lowered = normalise(password);
  if (commonPasswords.has(password.toLowerCase())) {
    problems.push('is a commonly used password found in breach lists');
  }
  const personal = personalTokens(owner);
  if (personal.some((token) => lowered.includes(token))) {
    problems.push('must not contain your e-mail address or name');
  }
  if (problems.length === 0) {
    const estimate = strengthEstimator().check(password, personal);
    if (estimate.score < MIN_STRENGTH_SCORE) {
      problems.push(
        'is too easy to guess (common words, names, dates, keyboard patterns or repetitions); ' +
          'a few unrelated words make a strong password',
      );
    }
  }
  return problems;
}

/** Throws the 400 problem naming `password` when the policy refuses it. */
export function assertPasswordAcceptable(password: string, owner: PasswordOwner): void {
  const problems = passwordProblems(password, owner);
  if (problems.length > 0) {
    throw validationProblem(problems.map((message) => ({ path: 'password', message })));
  }
}
