/**
 * What an audit entry may never hold: secrets. One rule for every entry (issue 13): a field
 * whose name has one of the words password, secret, token, key or hash (camelCase or
 * snake_case words: `newPassword`, `keyHash`, `api_key`, `secretKey`) keeps no value, at any
 * depth. Words are matched whole, so `optOutKeywords` or `monkey` stay readable.
 */

/** What a secret's value becomes. */
export const REDACTED = "[redacted]";

const SECRET_WORDS = new Set([
  "password",
  "secret",
  "token",
  "key",
  "hash",
  "passwords",
  "secrets",
  "tokens",
  "keys",
]);

/** Whether a field name names a secret: one of its words (split on case changes, `_`, `-`) is a secret word. */
export function isSecretField(name: string): boolean {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[\s_\-.]+/)
    .some((w) => SECRET_WORDS.has(w.toLowerCase()));
}

/** `value` with every secret field's value (at any depth of objects and arrays) replaced by {@link REDACTED}. */
function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, isSecretField(k) ? REDACTED : redactValue(v)]),
  );
}

/** The changes of an audit entry, `{ field: [before, after] }`. */
export type AuditChanges = Record<string, [unknown, unknown]>;

/**
 * `changes` with secrets redacted: a secret field's before and after both become
 * {@link REDACTED} (so the entry still says it changed), and secret fields inside a value
 * (an object or a list of them) lose their values too.
 */
export function redact(changes: AuditChanges): AuditChanges {
  return Object.fromEntries(
    Object.entries(changes).map(([field, [before, after]]) => [
      field,
      isSecretField(field) ? [REDACTED, REDACTED] : [redactValue(before), redactValue(after)],
    ]),
  );
}

/**
 * The fields of `after` whose value differs from `before`'s (compared as JSON), as audit
 * changes, secrets redacted. Fields `after` does not name are left out (a partial update
 * changes only what it names). @returns null when nothing changed
 */
export function changesBetween(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): AuditChanges | null {
  const changes: AuditChanges = {};
  for (const [field, value] of Object.entries(after)) {
    if (value === undefined) continue;
    const was = before[field] ?? null;
    if (JSON.stringify(was) !== JSON.stringify(value)) changes[field] = [was, value];
  }
  return Object.keys(changes).length ? redact(changes) : null;
}
