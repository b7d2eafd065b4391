import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * The 32-byte key that encrypts WhatsApp session keys and tokens at rest (AES-256-GCM).
 * From KABAR_SECRET_KEY (base64 or hex) when set; otherwise, with the embedded database
 * only, read from (or generated into) `<dataDir>/secret.key` with mode 0600.
 * @throws Error when the key is not 32 bytes, or missing with an external database.
 */
export function loadSecretKey(opts: { secret?: string; dataDir: string; embedded: boolean }): Buffer {
  if (opts.secret) return decode(opts.secret, "KABAR_SECRET_KEY");
  if (!opts.embedded)
    throw new Error(
      "KABAR_SECRET_KEY is required with DATABASE_URL (32 bytes, base64 or hex: `openssl rand -base64 32`)",
    );
  const file = join(resolve(opts.dataDir), "secret.key");
  if (existsSync(file)) return decode(readFileSync(file, "utf8").trim(), file);
  mkdirSync(resolve(opts.dataDir), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString("base64")}\n`, { mode: 0o600 });
  return key;
}

function decode(value: string, source: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, "hex") : Buffer.from(value, "base64");
  if (key.length !== 32)
    throw new Error(`${source}: the secret key must be 32 bytes (base64 or 64 hex characters)`);
  return key;
}
