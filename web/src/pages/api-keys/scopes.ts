import type { ApiScope } from "../../api/apiKeys";

/** The catalogue key of a scope's one-line explanation (`apiKeys.scope.ordersWrite` for `orders:write`). */
export function scopeHintKey(scope: ApiScope) {
  const camel = scope.replace(/:(\w)/, (_, c: string) => c.toUpperCase()) as
    | "ordersWrite"
    | "ordersRead"
    | "contactsRead"
    | "contactsWrite"
    | "messagesSend";
  return `apiKeys.scope.${camel}` as const;
}
