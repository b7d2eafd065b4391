import type { PackageInput, PlatformPackage, TopupPack, TopupPackInput } from "../../api/platform";
import type { ShopModule } from "../../api/session";

/** The package form's fields as typed (text, so a wrong entry can be named); a limit's "" with `unlimited` set means null. */
interface PackageDraft {
  name: string;
  code: string;
  priceMonthly: string;
  priceYearly: string;
  messageQuota: string;
  numbersLimit: string;
  staffLimit: string;
  contactsLimit: string;
  /** Which of the four limits are "unlimited" (null). */
  unlimited: Record<LimitField, boolean>;
  modules: ShopModule[];
  countsAgentReplies: boolean;
  active: boolean;
  sort: string;
  /** The trial package's length in days (shown for the trial only). */
  trialDays: string;
  isTrial: boolean;
}

/** The package's quotas that may be unlimited. */
export const LIMIT_FIELDS = ["messageQuota", "numbersLimit", "staffLimit", "contactsLimit"] as const;
type LimitField = (typeof LIMIT_FIELDS)[number];

/** A field's problem, as a catalogue key under `platform.form.errors`. */
type Problem = "required" | "integer" | "positive" | "modules";

/** The problems of a draft `D` by field (empty: none), and the input `I` to send when there are none. */
export interface Checked<D, I> {
  errors: Partial<Record<keyof D, Problem>>;
  input: I | null;
}

const text = (n: number | null) => (n === null ? "" : String(n));

/** The modules of `list` the web app knows (the API lists a package's modules as plain strings). */
export const knownModules = (list: readonly string[], all: readonly ShopModule[]): ShopModule[] =>
  all.filter((m) => list.includes(m));

/** The form's fields for `pkg` (a new package: empty, every module, active). */
export function packageDraft(pkg: PlatformPackage | null, allModules: readonly ShopModule[]): PackageDraft {
  return {
    name: pkg?.name ?? "",
    code: pkg?.code ?? "",
    priceMonthly: text(pkg?.priceMonthly ?? null),
    priceYearly: text(pkg?.priceYearly ?? null),
    messageQuota: text(pkg?.messageQuota ?? null),
    numbersLimit: text(pkg?.numbersLimit ?? null),
    staffLimit: text(pkg?.staffLimit ?? null),
    contactsLimit: text(pkg?.contactsLimit ?? null),
    unlimited: {
      messageQuota: pkg ? pkg.messageQuota === null : false,
      numbersLimit: pkg ? pkg.numbersLimit === null : false,
      staffLimit: pkg ? pkg.staffLimit === null : false,
      contactsLimit: pkg ? pkg.contactsLimit === null : false,
    },
    modules: pkg ? knownModules(pkg.modules, allModules) : [...allModules],
    countsAgentReplies: pkg?.countsAgentReplies ?? false,
    active: pkg?.active ?? true,
    sort: String(pkg?.sort ?? 0),
    trialDays: text(pkg?.trialDays ?? null),
    isTrial: pkg?.isTrial ?? false,
  };
}

/** A whole number ≥ `min` typed in digits only (no sign, no decimals, no grouping), or a problem. */
function whole(value: string, min: number): number | Problem {
  const v = value.trim();
  if (v === "") return "required";
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) return "integer";
  return Number(v) < min ? "positive" : Number(v);
}

/**
 * The checks both drafts share, writing into `errors`: the name and code are required, and
 * `num(field, value, min)` reads a whole number ≥ `min` (0 in its place when it is not one).
 */
function checker<D extends { name: string; code: string }>(d: D) {
  const errors: Partial<Record<keyof D, Problem>> = {};
  if (!d.name.trim()) errors.name = "required";
  if (!d.code.trim()) errors.code = "required";
  const num = (field: keyof D, value: string, min = 0): number => {
    const r = whole(value, min);
    if (typeof r === "number") return r;
    errors[field] = r;
    return 0;
  };
  return { errors, num, failed: () => Object.keys(errors).length > 0 };
}

/**
 * Checks a package draft as the server will (prices and quotas integers ≥ 0 in rupiah and
 * units; a limit is a number or "unlimited"; at least one module; the trial's days ≥ 1) and
 * builds the input to send.
 */
export function checkPackage(d: PackageDraft): Checked<PackageDraft, PackageInput> {
  const { errors, num, failed } = checker(d);
  const priceMonthly = num("priceMonthly", d.priceMonthly);
  const priceYearly = num("priceYearly", d.priceYearly);
  const limits = {} as Record<LimitField, number | null>;
  for (const f of LIMIT_FIELDS) limits[f] = d.unlimited[f] ? null : num(f, d[f]);
  const sort = num("sort", d.sort);
  const trialDays = d.isTrial ? num("trialDays", d.trialDays, 1) : null;
  if (d.modules.length === 0) errors.modules = "modules";
  if (failed()) return { errors, input: null };
  return {
    errors,
    input: {
      name: d.name.trim(),
      code: d.code.trim(),
      priceMonthly,
      priceYearly,
      ...limits,
      modules: d.modules,
      countsAgentReplies: d.countsAgentReplies,
      active: d.active,
      sort,
      trialDays,
    },
  };
}

/** The top-up form's fields as typed. */
interface TopupDraft {
  name: string;
  code: string;
  units: string;
  price: string;
  active: boolean;
}

/** The form's fields for `pack` (a new one: empty, active). */
export function topupDraft(pack: TopupPack | null): TopupDraft {
  return {
    name: pack?.name ?? "",
    code: pack?.code ?? "",
    units: text(pack?.units ?? null),
    price: text(pack?.price ?? null),
    active: pack?.active ?? true,
  };
}

/** Checks a top-up draft (units and price whole numbers ≥ 1, as the database requires) and builds the input. */
export function checkTopup(d: TopupDraft): Checked<TopupDraft, TopupPackInput> {
  const { errors, num, failed } = checker(d);
  const units = num("units", d.units, 1);
  const price = num("price", d.price, 1);
  if (failed()) return { errors, input: null };
  return { errors, input: { name: d.name.trim(), code: d.code.trim(), units, price, active: d.active } };
}
