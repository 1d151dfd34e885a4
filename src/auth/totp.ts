import { createHash, randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

/**
 * Time-based one-time codes (RFC 6238) as every authenticator app makes them: SHA-1, six digits,
 * 30-second steps, a 160-bit secret in base32. otplib does the arithmetic; a code is accepted one
 * step early or late for clocks that drift, and never for a step at or before the last accepted.
 */
export const TOTP_DRIFT_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

/** What a person may type: six digits, spaces and dashes allowed between them. */
export function cleanTotpCode(typed: string): string | undefined {
  const digits = typed.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : undefined;
}

/** The time step the code belongs to when it is right and newer than `afterStep`, else undefined. */
export async function acceptedTotpStep(secret: string, typed: string, afterStep: number | null): Promise<number | undefined> {
  const token = cleanTotpCode(typed);
  if (!token) return undefined;
  const result = await verify({ secret, token, epochTolerance: TOTP_DRIFT_SECONDS, ...(afterStep === null ? {} : { afterTimeStep: afterStep }) });
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}

/** The secret grouped in fours, as a person types it into an app that cannot scan. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The enrolment QR code, drawn on the server as an SVG image in a data: URL (no script, no request). */
export async function enrolmentQrCode(secret: string, account: string, issuer: string): Promise<string> {
  const uri = generateURI({ issuer, label: account, secret });
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** Letters and digits that cannot be mistaken for one another (no 0/o, 1/l/i). */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_COUNT = 10;

/** Ten codes of sixteen characters from 31: about 79 random bits each, shown as xxxx-xxxx-xxxx-xxxx. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    Array.from({ length: 16 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)])
      .join('')
      .replace(/(.{4})(?=.)/g, '$1-'),
  );
}

/** The hash a recovery code is kept and looked up by, whatever case or separators it was typed with. */
export function recoveryCodeHash(typed: string): string {
  return createHash('sha256').update(typed.toLowerCase().replace(/[\s-]/g, '')).digest('hex');
}
