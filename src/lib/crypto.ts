import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** Bytes of the AES-256-GCM nonce (NIST SP 800-38D recommends 96 bits). */
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts `plaintext` with AES-256-GCM under the 32-byte `key` (KABAR_SECRET_KEY).
 * Output layout: 12-byte random IV ‖ 16-byte auth tag ‖ ciphertext. `aad` (e.g. the
 * channel id) is authenticated, so a value copied to another row fails to decrypt.
 * @throws Error when the key is not 32 bytes
 */
export function seal(key: Buffer, plaintext: Buffer | string, aad = ""): Buffer {
  if (key.length !== 32) throw new Error("AES-256-GCM needs a 32-byte key");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/**
 * Decrypts what `seal` produced.
 * @throws Error when the key, the aad or the bytes do not match (tampered or wrong key)
 */
export function open(key: Buffer, sealed: Buffer, aad = ""): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error("sealed value too short");
  const decipher = createDecipheriv("aes-256-gcm", key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}
