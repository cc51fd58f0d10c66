/** Usernames: 3–64 letters, digits, dots, dashes or underscores, starting with a letter or digit. */
export const USERNAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9._-]{2,63}$/;

/** Mainland mobile numbers: 11 digits starting with 1. */
export const PHONE_PATTERN = /^1\d{10}$/;

export function isValidUsername(username: string): boolean {
  return USERNAME_PATTERN.test(username);
}

export function isValidPhone(phone: string): boolean {
  return PHONE_PATTERN.test(phone);
}
