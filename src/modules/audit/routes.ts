import type { App, HttpOptions } from "../../http/types.js";
import { auditPageSchema, auditPeopleSchema, exportAuditQuery, listAuditQuery } from "./schemas.js";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The audit log (needs `audit.read`): a filtered page of entries, and the same as a download. */
export function auditRoutes(app: App, { services }: HttpOptions): void {
  const tags = ["audit"];
  app.get(
    "/audit",
    {
      schema: {
        tags,
        querystring: listAuditQuery,
        description:
          "Who did what, newest first: every write (any route, the CLI, jobs acting for a person), sign-ins and failed sign-ins, with the changed fields before → after (secrets redacted), IP, user agent and time.",
        response: { 200: auditPageSchema },
      },
    },
    (req) => services.audit.list(req.actor, req.query),
  );
  app.get(
    "/audit/people",
    {
      schema: {
        tags,
        description:
          "The people the log's entries name (within the caller's outlets), by name: the person filter's choices.",
        response: { 200: auditPeopleSchema },
      },
    },
    (req) => services.audit.people(req.actor),
  );
  app.get(
    "/audit/export",
    {
      schema: {
        tags,
        querystring: exportAuditQuery,
        description:
          "Every entry matching the filters as a CSV or XLSX download, headed in the shop's language, times in its zone, changes as JSON.",
      },
    },
    async (req, reply) => {
      const { format, ...filters } = req.query;
      const file = await services.audit.exportFile(req.actor, filters, format);
      const stamp = new Date().toISOString().slice(0, 10);
      return reply
        .header("content-type", format === "csv" ? "text/csv; charset=utf-8" : XLSX_TYPE)
        .header("content-disposition", `attachment; filename="audit-${stamp}.${format}"`)
        .send(file);
    },
  );
}
