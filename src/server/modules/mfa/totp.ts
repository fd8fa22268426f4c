import { createHash, randomBytes } from "node:crypto";
import { generateSecret, generateSync, generateURI } from "otplib";
import QRCode from "qrcode";
import { judgeCode } from "../../../domain/totp-window.ts";

/*
 * The library's part of TOTP: secrets, a step's code (HOTP of the step, RFC 6238
 * with SHA-1, 6 digits, 30 s, what every authenticator app expects), the
 * otpauth URI and its QR code. Which steps count, and that each counts once, is
 * the rule in domain/totp-window.ts.
 */

const ISSUER = "Cascade";

/** 20 random bytes (160 bits, RFC 4226's recommendation), Base32. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpCodeAt(secret: string, step: number): string {
  return generateSync({ strategy: "hotp", secret, counter: step, digits: 6 });
}

/** The rule applied to one person's secret: accepted (with its step), wrong or replayed. */
export function judgeTotp(
  secret: string,
  code: string,
  now: Date,
  lastUsedStep: number | null,
): ReturnType<typeof judgeCode> {
  return judgeCode(code, now.getTime(), lastUsedStep, (step) => totpCodeAt(secret, step));
}

export function otpauthUri(email: string, secret: string): string {
  return generateURI({ issuer: ISSUER, label: email, secret });
}

/** The URI as a QR code: an SVG image in a data: URL (no file, nothing fetched). */
export async function qrCodeDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

export const RECOVERY_CODE_COUNT = 10;
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** One recovery code: 80 random bits as 16 Base32 characters, shown in four groups. */
function newRecoveryCode(): string {
  const bytes = randomBytes(16);
  let code = "";
  for (let i = 0; i < 16; i++) code += BASE32[(bytes[i] as number) % 32];
  return code.replace(/(.{4})(?=.)/g, "$1-");
}

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
}

/**
 * A recovery code's digest, as stored. The code has 80 random bits, so a plain
 * SHA-256 is enough: there is no dictionary to try.
 */
export function hashRecoveryCode(code: string): string {
  const normal = code.replaceAll(/[\s-]/g, "").toUpperCase();
  return createHash("sha256").update(`recovery:${normal}`).digest("hex");
}
