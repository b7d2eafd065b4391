import { useSearchParams } from "react-router";
import { NO_FILTERS, type ContactFilters } from "../../api/contacts";

const FILTER_KEYS = Object.keys(NO_FILTERS) as Array<keyof ContactFilters>;

/**
 * The contact list's filters and page, kept in the address (`?label=vip&page=2`) so the
 * list is the same after opening a contact and going back. Changing a filter goes to page 1.
 */
export function useContactFilters() {
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(
    FILTER_KEYS.map((k) => [k, params.get(k) ?? ""]),
  ) as unknown as ContactFilters;
  if (!["", "true", "false"].includes(filters.optedOut)) filters.optedOut = "";
  const page = Math.max(1, Number(params.get("page")) || 1);

  const setFilters = (patch: Partial<ContactFilters>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        if (patch.attribute !== undefined && !patch.attribute) next.delete("attributeValue");
        next.delete("page");
        return next;
      },
      { replace: true },
    );
  const setPage = (p: number) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (p > 1) next.set("page", String(p));
        else next.delete("page");
        return next;
      },
      { replace: true },
    );
  const active = FILTER_KEYS.some((k) => filters[k]);
  return { filters, page, setFilters, setPage, active };
}
