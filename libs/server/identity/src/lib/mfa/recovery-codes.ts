import { randomInt } from 'node:crypto';
import { sha256Hex } from '../tokens/opaque-token';

export const RECOVERY_CODE_COUNT = 10;
/** Crockford-like alphabet: no 0/O, 1/I/L, U, so codes read aloud or copied by hand survive. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 3;
const GROUP_LENGTH = 4;

/** `XXXX-XXXX-XXXX`: 12 symbols of 30, about 59 bits — far beyond guessing in a few tries. */
export function newRecoveryCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g += 1) {
    let group = '';
    for (let i = 0; i < GROUP_LENGTH; i += 1) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(newRecoveryCode());
  return [...codes];
}

/** Case, spaces and dashes do not matter when a code is typed back. */
export function normaliseRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]+/g, '');
}

export const recoveryCodeHash = (code: string): string => sha256Hex(normaliseRecoveryCode(code));
