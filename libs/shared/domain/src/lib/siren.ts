/**
 * A SIREN (French company number) is 9 digits whose Luhn checksum is 0. La Poste's SIRENs
 * (356000000 and its establishments) are the one documented exception, accepted as they are.
 */
export function isValidSiren(value: string): boolean {
  if (!/^[0-9]{9}$/.test(value)) return false;
  if (value === '356000000') return true;
  let sum = 0;
  for (let i = 0; i < 9; i += 1) {
    let digit = Number(value[8 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
