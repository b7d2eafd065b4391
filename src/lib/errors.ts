/**
 * Typed domain errors. Each has a stable machine `code`, an HTTP status, and a human
 * message in Bahasa Indonesia (`id`, first) and English (`en`). Mapped to HTTP in one
 * place (src/http/errors.ts); services never know about HTTP otherwise.
 *
 * Errors are never built ad hoc: each module declares its errors once in its
 * `errors.ts` with {@link defineErrors}, and a throw site reads
 * `throw campaignErrors.notFound()`. docs/errors.md is generated from the catalogues
 * (`npm run docs:errors`).
 */
export class KabarError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly messages: { id: string; en: string },
    /** Per-field problems, keyed by field path (e.g. "audience.labels"). */
    readonly fields?: Record<string, FieldProblem>,
    /** Machine-readable facts of the error for clients (e.g. `{ limit, allowed }`), sent as `error.details`. */
    readonly details?: Record<string, unknown>,
  ) {
    super(messages.en);
    this.name = "KabarError";
  }
}

/** A text in both languages of the app: Bahasa Indonesia first, English. */
export interface Bilingual {
  id: string;
  en: string;
}

/**
 * One field's problem: a text in both languages, or one string that reads in both (a
 * machine word such as "required", or a value named as given).
 */
type FieldProblem = string | Bilingual;

/** A field's problem in `lang`. */
export function fieldProblemIn(problem: FieldProblem, lang: "id" | "en"): string {
  return typeof problem === "string" ? problem : problem[lang];
}

/** What a catalogue entry says: Indonesian first, English, and optionally the bad fields. */
export interface ErrorMessages {
  id: string;
  en: string;
  /** Per-field problems, keyed by field path (e.g. "audience.importId"). */
  fields?: Record<string, FieldProblem>;
  /** Machine-readable facts for clients (`error.details` of the answer). */
  details?: Record<string, unknown>;
}

/**
 * One catalogue entry. `message` is fixed, or a function of typed parameters for a
 * message that interpolates (annotate its parameter: `(p: { phone: string }) => …`).
 * A code may have several entries (several wordings) but always one status.
 */
export interface ErrorSpec {
  /** Stable machine code (snake_case), what clients compare. */
  code: string;
  /** HTTP status of the answer. */
  status: number;
  /** When it happens, in English, for docs/errors.md. */
  when: string;
  // biome-ignore lint/suspicious/noExplicitAny: the parameter type is inferred per entry.
  message: ErrorMessages | ((p: any) => ErrorMessages);
}

/** The builder of one entry: no argument for a fixed message, the typed parameters otherwise. */
type ErrorFactory<S extends ErrorSpec> = S["message"] extends (p: infer P) => ErrorMessages
  ? (p: P) => KabarError
  : () => KabarError;

/** A module's errors: one builder per entry, same keys as the specs. */
type ErrorCatalogue<T extends Record<string, ErrorSpec>> = {
  readonly [K in keyof T]: ErrorFactory<T[K]>;
};

const SPECS = new WeakMap<object, Record<string, ErrorSpec>>();

/**
 * Builds a catalogue from its specs: `defineErrors({ notFound: { code: "campaign_not_found",
 * status: 404, when: "…", message: { id: "…", en: "…" } } })` gives `{ notFound(): KabarError }`.
 */
export function defineErrors<const T extends Record<string, ErrorSpec>>(specs: T): ErrorCatalogue<T> {
  const catalogue: Record<string, (p?: unknown) => KabarError> = {};
  for (const [name, spec] of Object.entries(specs)) {
    catalogue[name] = (p?: unknown) => {
      const { id, en, fields, details } = typeof spec.message === "function" ? spec.message(p) : spec.message;
      return new KabarError(spec.code, spec.status, { id, en }, fields, details);
    };
  }
  SPECS.set(catalogue, specs);
  return catalogue as ErrorCatalogue<T>;
}

/** The specs a catalogue was built from (for docs/errors.md and its test). @throws Error for another object. */
export function catalogueSpecs(catalogue: object): Record<string, ErrorSpec> {
  const specs = SPECS.get(catalogue);
  if (!specs) throw new Error("not an error catalogue built by defineErrors");
  return specs;
}
