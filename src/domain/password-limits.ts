/**
 * How long a password may be. Kept apart from password-policy.ts so that the contracts
 * (and the web app) can use the limits without loading zxcvbn's dictionaries.
 */
export const PASSWORD_MIN_LENGTH = 12;
/** Long passphrases are welcome; the cap only stops hashing megabytes. */
export const PASSWORD_MAX_LENGTH = 256;
