// The password rules for every place a password is set (the user CLI, POST
// /api/users, the first admin): trimmed, at least 12 characters, not one of
// the passwords attackers try first. Sign-in trims the same way, so a password
// typed with a stray space still matches.
import { z } from "zod";

export const MIN_PASSWORD_LENGTH = 12;
// scrypt cost grows with input only a little, but an unbounded password is a free DoS lever.
export const MAX_PASSWORD_LENGTH = 256;

// The most common passwords of 12 characters or more (breach corpora top lists),
// compared case-insensitively. Shorter ones are refused by the length rule already.
const COMMON_PASSWORDS = new Set(
  [
    "123456789012",
    "1234567890123",
    "12345678901234",
    "123456789000",
    "1234567890qwerty",
    "1q2w3e4r5t6y",
    "1qaz2wsx3edc",
    "1qaz2wsx3edc4rfv",
    "qwertyuiop12",
    "qwertyuiop123",
    "qwertyuiopasdf",
    "qwertyuiopasdfgh",
    "qwerty123456",
    "qwerty1234567",
    "qazwsxedcrfv",
    "asdfghjkl123",
    "zxcvbnm12345",
    "password1234",
    "password12345",
    "password123456",
    "passwordpassword",
    "password1234567",
    "password!123",
    "p@ssw0rd1234",
    "p@ssword1234",
    "passw0rd1234",
    "administrator",
    "administrator1",
    "admin1234567",
    "admin123456789",
    "adminadminadmin",
    "changeme1234",
    "changeme123456",
    "letmein12345",
    "letmeinletmein",
    "welcome12345",
    "welcome123456",
    "iloveyou1234",
    "iloveyou12345",
    "football1234",
    "baseball1234",
    "sunshine1234",
    "princess1234",
    "superman1234",
    "trustno1trustno1",
    "abcdefghijkl",
    "abcdefgh1234",
    "abc123456789",
    "abcd12345678",
    "aaaaaaaaaaaa",
    "111111111111",
    "000000000000",
    "123123123123",
    "112233445566",
    "987654321098",
    "michael12345",
    "jennifer1234",
    "correcthorsebatterystaple",
    "masterpassword",
    "secretpassword",
    "mypassword123",
    "newpassword1",
    "newpassword123",
    "default12345",
    "temppassword",
    "staffpassword",
    "adminpassword",
    "resaleops1234",
  ].map((p) => p.toLowerCase()),
);

/** Why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `the password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `the password may have at most ${MAX_PASSWORD_LENGTH} characters`;
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return "the password is too common; choose another";
  if (new Set(password).size < 4) return "the password repeats too few characters; choose another";
  return null;
}

/** A password to set: trimmed, then checked against the policy. */
export const newPasswordSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
