import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { InputError, UsageError } from '../../core/errors.js';

export const secretKeyVariable = 'PALISADE_SECRET_KEY';

const version = 1;
const ivLength = 12;
const tagLength = 16;

/**
 * Seals secrets at rest with AES-256-GCM. A sealed value is base64 of
 * `version (1 byte) | iv (12) | tag (16) | ciphertext`; `context` (the row's id) is bound as
 * additional data, so a ciphertext copied onto another row does not open.
 */
export interface SecretBox {
  seal(plain: string, context: string): string;
  open(sealed: string, context: string): string;
}

function createSecretBox(key: Buffer): SecretBox {
  return {
    seal(plain, context) {
      const iv = randomBytes(ivLength);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([version]), iv, cipher.getAuthTag(), body]).toString(
        'base64'
      );
    },
    open(sealed, context) {
      const bytes = Buffer.from(sealed, 'base64');
      if (bytes.length < 1 + ivLength + tagLength || bytes[0] !== version) {
        throw new InputError('a stored secret is not in a format this palisade reads');
      }
      const iv = bytes.subarray(1, 1 + ivLength);
      const tag = bytes.subarray(1 + ivLength, 1 + ivLength + tagLength);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(tag);
        const body = bytes.subarray(1 + ivLength + tagLength);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        throw new InputError(
          `a stored secret does not decrypt with ${secretKeyVariable}: was the key changed?`
        );
      }
    },
  };
}

/**
 * The box for `PALISADE_SECRET_KEY` (32 random bytes, base64), or undefined when it is unset:
 * the store opens without it and refuses only when a secret must be sealed or opened.
 */
export function secretBoxFromEnv(
  env: Readonly<Record<string, string | undefined>>
): SecretBox | undefined {
  const encoded = env[secretKeyVariable]?.trim();
  if (encoded === undefined || encoded === '') {
    return undefined;
  }
  const key = Buffer.from(encoded, 'base64');
  if (key.length !== 32 || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) {
    throw new UsageError(
      `${secretKeyVariable} must be 32 random bytes in base64 (e.g. from: openssl rand -base64 32); it decodes to ${key.length} bytes`
    );
  }
  return createSecretBox(key);
}

/** Says how to set the key, when a secret arrives and there is none. */
export function missingSecretKey(what: string): UsageError {
  return new UsageError(
    `${what} needs ${secretKeyVariable} to encrypt it at rest: set it to 32 random bytes in base64 (openssl rand -base64 32) and keep it safe`
  );
}
