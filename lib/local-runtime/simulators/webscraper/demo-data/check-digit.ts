// Yamato and Japan Post domestic tracking numbers are 12 digits; the 12th is
// the first 11 read as one number, modulo 7.

export function mod7CheckDigit(first11Digits: string): number {
  if (!/^\d{11}$/.test(first11Digits)) throw new RangeError("expected exactly 11 digits");
  return Number(BigInt(first11Digits) % 7n);
}

export function hasValidCheckDigit(trackingNumber: string): boolean {
  if (!/^\d{12}$/.test(trackingNumber)) return false;
  return mod7CheckDigit(trackingNumber.slice(0, 11)) === Number(trackingNumber[11]);
}

/** A valid 12-digit number whose first digit is `leadingDigit`, the rest drawn from `random`. */
export function makeTrackingNumber(leadingDigit: number, random: () => number): string {
  let body = String(leadingDigit);
  while (body.length < 11) body += String(Math.floor(random() * 10));
  return body + String(mod7CheckDigit(body));
}
