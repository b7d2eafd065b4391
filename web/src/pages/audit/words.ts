/** How the audit page names actions, roles and targets: the catalogue's words, else the key itself. */
import type { TFunction } from "i18next";
import i18n from "../../i18n";

/** `key`'s words when the catalogue has them, else `fallback`. */
function wordsOr(t: TFunction, key: string, fallback: string): string {
  return i18n.exists(key) ? String(t(key as never)) : fallback;
}

/**
 * An action in words: the audit catalogue's (`user.update_role`), else the permission's
 * (the generic entry of a route is its permission key, `products.update`), else the key.
 */
export function actionWords(t: TFunction, action: string): string {
  return wordsOr(t, `audit.actions.${action}`, wordsOr(t, `permissions.key.${action}`, action));
}

/** A role in words: a built-in role's name, else the custom role's own name as recorded. */
export function roleWords(t: TFunction, role: string): string {
  return wordsOr(t, `auth.role.${role}`, role);
}

/** A target's kind in words, else its key. */
export function targetWords(t: TFunction, type: string): string {
  return wordsOr(t, `audit.target.${type}`, type);
}
