import type { Audience } from "../db/schema/campaigns.js";
import { CliError } from "./errors.js";
import { splitList } from "./format.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` looks like a UUID (every Kabar id is one). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** `value` as an id of `what` (e.g. "campaign"). @throws CliError when it is not a UUID */
export function parseId(value: string, what: string): string {
  const id = value.trim();
  if (!isUuid(id)) throw new CliError(`"${value}" is not a ${what} id (expected a UUID like 3f2b9c1e-…)`);
  return id.toLowerCase();
}

/** The audience options of `campaign create`. */
export interface AudienceOptions {
  labels?: string;
  match?: string;
  import?: string;
  all?: boolean;
}

/**
 * The campaign audience from `--labels a,b [--match all]`, `--import <id>` or `--all`:
 * exactly one of the three.
 * @throws CliError when none or several are given, `--match` is not any|all or is given
 *   without labels, or the import id is not a UUID
 */
export function parseAudience(o: AudienceOptions): Audience {
  const labels = splitList(o.labels);
  const given = [o.labels !== undefined, o.import !== undefined, o.all === true].filter(Boolean).length;
  if (given !== 1)
    throw new CliError("choose the audience with exactly one of --labels a,b, --import <importId> or --all");
  if (o.match !== undefined && o.labels === undefined) throw new CliError("--match goes with --labels");
  if (o.all) return { type: "all" };
  if (o.import !== undefined) return { type: "import", importId: parseId(o.import, "import") };
  if (labels.length === 0) throw new CliError("--labels needs at least one label (comma-separated)");
  const match = o.match ?? "any";
  if (match !== "any" && match !== "all")
    throw new CliError(`--match must be "any" or "all", not "${match}"`);
  return { type: "labels", labels, match };
}

/** Something an operator names by id or by name (a channel, a shop). */
interface Named {
  id: string;
  name: string;
}

/**
 * Finds the item `ref` names: by id, else by name (case-insensitive, exact).
 * @throws CliError listing the choices when nothing or several items match
 */
export function pickByIdOrName<T extends Named>(items: T[], ref: string, what: string): T {
  const wanted = ref.trim().toLowerCase();
  const byId = items.find((i) => i.id.toLowerCase() === wanted);
  if (byId) return byId;
  const byName = items.filter((i) => i.name.trim().toLowerCase() === wanted);
  if (byName.length === 1) return byName[0]!;
  const choices = (byName.length > 1 ? byName : items).map((i) => `  ${i.id}  ${i.name}`).join("\n");
  if (byName.length > 1) throw new CliError(`several ${what}s are named "${ref}"; give the id:\n${choices}`);
  if (items.length === 0) throw new CliError(`there is no ${what} yet`);
  throw new CliError(`no ${what} "${ref}"; the ${what}s are:\n${choices}`);
}
