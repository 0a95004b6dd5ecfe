// Carrier check digits, so a mistyped or mis-scraped number is flagged in
// Purchasing.trackingNumberIssue instead of being stored as if it were good.
import type { Carrier } from "./carrier";

export type TrackingNumberIssue = "check_digit_mismatch" | "unrecognized_format";

export interface TrackingNumberCheck {
  /** Half-width, no spaces or hyphens, upper case: the form stored and matched on. */
  normalized: string;
  issue: TrackingNumberIssue | null;
  /** Which rule recognized it (null when unrecognized). */
  format: "domestic_12" | "s10" | null;
}

/** Scraped pages show numbers as "1234-5678-9012" or in full-width digits. */
export function normalizeTrackingNumber(raw: string): string {
  return raw
    .normalize("NFKC")
    .replace(/[\s\-‐－ー]/g, "")
    .toUpperCase();
}

/** Yamato and Japan Post domestic numbers: the first 11 digits as an integer mod 7 is the 12th digit. */
export function domesticCheckDigit(first11Digits: string): number {
  return Number(first11Digits) % 7;
}

export function isValidDomesticCheckDigit(digits: string): boolean {
  if (!/^\d{12}$/.test(digits)) return false;
  return domesticCheckDigit(digits.slice(0, 11)) === Number(digits[11]);
}

const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7];

/** UPU S10 (Japan Post international, e.g. EJ123456785JP): weights 8,6,4,2,3,5,9,7 over the serial, mod 11. */
export function s10CheckDigit(serial: string): number {
  const sum = [...serial].reduce((acc, d, i) => acc + Number(d) * S10_WEIGHTS[i], 0);
  const check = 11 - (sum % 11);
  if (check === 10) return 0;
  if (check === 11) return 5;
  return check;
}

export function isValidS10(value: string): boolean {
  const m = /^[A-Z]{2}(\d{8})(\d)[A-Z]{2}$/.exec(value);
  return !!m && s10CheckDigit(m[1]) === Number(m[2]);
}

export function checkTrackingNumber(raw: string, carrier: Carrier | null): TrackingNumberCheck {
  const normalized = normalizeTrackingNumber(raw);
  if (/^\d{12}$/.test(normalized)) {
    return { normalized, format: "domestic_12", issue: isValidDomesticCheckDigit(normalized) ? null : "check_digit_mismatch" };
  }
  // Only Japan Post carries S10 numbers; a Yamato job showing one is still checked by its own rule.
  if (/^[A-Z]{2}\d{9}[A-Z]{2}$/.test(normalized)) {
    return { normalized, format: "s10", issue: isValidS10(normalized) ? null : "check_digit_mismatch" };
  }
  void carrier;
  return { normalized, format: null, issue: "unrecognized_format" };
}
