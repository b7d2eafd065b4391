import { z } from "zod";
import { contentDisposition } from "../../http/download.js";
import type { App, HttpOptions } from "../../http/types.js";
import {
  billingOverviewSchema,
  checkoutAnswerSchema,
  checkoutBody,
  invoiceSchema,
  packagesAnswerSchema,
  paymentsAnswerSchema,
} from "./schemas.js";

const idParams = z.object({ id: z.uuid() });

/**
 * The shop's billing (issue 14, SaaS mode; single mode: `GET /billing` says `enabled: false`,
 * the others 404 `billing_off`): overview, packages, checkout through Midtrans Snap, payments,
 * invoices (JSON, PDF), and Midtrans' public HTTP notification.
 */
export function billingRoutes(app: App, { services }: HttpOptions): void {
  const tags = ["billing"];
  app.get(
    "/billing",
    {
      schema: {
        tags,
        description: "The shop's package, period, message units and usage against the package's limits.",
        response: { 200: billingOverviewSchema },
      },
    },
    (req) => services.payments.overview(req.actor),
  );
  app.get(
    "/billing/packages",
    {
      schema: {
        tags,
        description: "Packages on offer and top-up packs.",
        response: { 200: packagesAnswerSchema },
      },
    },
    (req) => services.payments.packages(req.actor),
  );
  app.post(
    "/billing/checkout",
    {
      schema: {
        tags,
        description:
          "Creates a payment (subscription, renewal, upgrade or top-up) and its Midtrans Snap transaction; the browser goes to `redirectUrl` and comes back to `/billing?payment=<orderId>`.",
        body: checkoutBody,
        response: { 201: checkoutAnswerSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await services.payments.checkout(req.actor, req.body)),
  );
  app.get(
    "/billing/payments",
    {
      schema: {
        tags,
        description: "The shop's payments, newest first.",
        response: { 200: paymentsAnswerSchema },
      },
    },
    (req) => services.payments.payments(req.actor),
  );
  app.get(
    "/billing/invoices/:id",
    { schema: { tags, params: idParams, response: { 200: invoiceSchema } } },
    (req) => services.payments.invoice(req.actor, req.params.id),
  );
  app.get(
    "/billing/invoices/:id/pdf",
    { schema: { tags, params: idParams, description: "The invoice as a PDF download." } },
    async (req, reply) => {
      const { filename, pdf } = await services.payments.invoicePdf(req.actor, req.params.id);
      return reply
        .type("application/pdf")
        .header("content-disposition", contentDisposition("attachment", filename))
        .header("cache-control", "private, no-store")
        .send(pdf);
    },
  );
  app.post(
    "/billing/midtrans/notification",
    {
      config: { public: true },
      bodyLimit: 64 * 1024,
      schema: {
        tags,
        description:
          "Midtrans' HTTP notification (public): verified by `signature_key`, then confirmed through Midtrans' status API before anything changes. Unknown orders answer 200 with nothing done.",
        body: z.record(z.string(), z.unknown()),
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req) => {
      await services.payments.notification(req.body);
      return { ok: true as const };
    },
  );
}
