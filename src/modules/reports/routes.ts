import type { App, HttpOptions } from "../../http/types.js";
import { reportFileName } from "./export.js";
import {
  exportReportQuery,
  outletQuery,
  rangeQuery,
  salesQuery,
  salesReportSchema,
  summarySchema,
  todaySchema,
} from "./schemas.js";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const SALES =
  "A sale is an order placed and not undone (new, confirmed, paid, packed, shipped, completed; not draft, cancelled or returned), counted on the day of its placed time in the shop's time zone.";
const OUTLET =
  "`outletId`: one outlet's figures; without it, every outlet the caller works in combined (unknown or outside the caller's outlets: 404 `outlet_not_found`).";
const RANGE = `Range: \`from\`–\`to\`, the shop's days, default the last 30 days, at most 3 years (else 400 naming \`from\`). ${OUTLET}`;

/** Sales reports (owners only). */
export function reportRoutes(app: App, { services }: HttpOptions): void {
  const tags = ["reports"];
  app.get(
    "/reports/sales",
    {
      schema: {
        tags,
        querystring: salesQuery,
        description: `Revenue, orders and average order value per day, week (Monday first) or month, empty periods at zero. ${SALES} ${RANGE}`,
        response: { 200: salesReportSchema },
      },
    },
    (req) => services.reports.sales(req.actor, req.query),
  );
  app.get(
    "/reports/summary",
    {
      schema: {
        tags,
        querystring: rangeQuery,
        description: `Orders by status, top 10 customers, top 10 products by revenue and by quantity, customers and revenue per province and top 20 cities, repeat-purchase rate (customers with 2 or more sales ÷ customers with 1 or more). ${SALES} ${RANGE}`,
        response: { 200: summarySchema },
      },
    },
    (req) => services.reports.summary(req.actor, req.query),
  );
  app.get(
    "/reports/today",
    {
      schema: {
        tags,
        querystring: outletQuery,
        description: `Today's sales (the shop's day) for the dashboard. ${SALES} ${OUTLET}`,
        response: { 200: todaySchema },
      },
    },
    (req) => services.reports.today(req.actor, req.query),
  );
  app.get(
    "/reports/export",
    {
      schema: {
        tags,
        querystring: exportReportQuery,
        description: `One report as a CSV or XLSX download in the shop's language: \`sales\` (per period of \`granularity\`), \`customers\`, \`products\` (by revenue) or \`regions\` (province and city). ${SALES} ${RANGE}`,
      },
    },
    async (req, reply) => {
      const { file, from, to } = await services.reports.exportFile(req.actor, req.query);
      const { format, report } = req.query;
      return reply
        .header("content-type", format === "csv" ? "text/csv; charset=utf-8" : XLSX_TYPE)
        .header("content-disposition", `attachment; filename="${reportFileName(report, from, to, format)}"`)
        .send(file);
    },
  );
}
