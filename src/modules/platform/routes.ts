import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { secureCookie } from "../../http/auth.js";
import type { App, HttpOptions } from "../../http/types.js";
import type { Actor } from "../../lib/actor.js";
import { KABAR_MODULES } from "../../lib/modules.js";
import { sessionUserSchema } from "../auth/index.js";
import { billingOverviewSchema, packageSchema as billingPackageSchema } from "../billing/index.js";
import {
  PLATFORM_COOKIE,
  platformCookieValue,
  SECURE_PLATFORM_COOKIE,
  SECURE_SESSION_COOKIE,
  SESSION_COOKIE,
} from "../../lib/session-cookie.js";

const STATUSES = ["trialing", "active", "past_due", "expired", "suspended"] as const;
const idParams = z.object({ id: z.uuid() });
const adminSchema = z.object({ id: z.uuid(), email: z.string(), name: z.string() });

/** A quota or limit: a whole number ≥ 0, or null for unlimited. */
const limit = z.number().int().min(0).max(100_000_000).nullable();
/** Rupiah: a whole number ≥ 0. */
const rupiah = z.number().int().min(0).max(1_000_000_000_000);

/** A package as the platform edits it: billing's package, its trial length, offer flag and order. */
const packageSchema = billingPackageSchema.extend({
  trialDays: z.number().int().nullable(),
  active: z.boolean(),
  sort: z.number().int(),
});
const packageBody = z.object({
  code: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/)
    .describe("Stable short name: lower-case letters, digits, - and _"),
  name: z.string().trim().min(1).max(100),
  priceMonthly: rupiah,
  priceYearly: rupiah,
  messageQuota: limit,
  numbersLimit: limit,
  staffLimit: limit,
  contactsLimit: limit,
  modules: z.array(z.enum(KABAR_MODULES)).max(50),
  countsAgentReplies: z.boolean().default(false),
  isTrial: z.boolean().default(false),
  trialDays: z.number().int().min(1).max(365).nullable().default(null),
  active: z.boolean().default(true),
  sort: z.number().int().min(-1000).max(1000).default(0),
});
const packagePatch = packageBody
  .extend({
    countsAgentReplies: z.boolean(),
    isTrial: z.boolean(),
    trialDays: z.number().int().min(1).max(365).nullable(),
    active: z.boolean(),
    sort: z.number().int().min(-1000).max(1000),
  })
  .partial();

const topupSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  units: z.number().int(),
  price: z.number().int(),
  active: z.boolean(),
});
const topupBody = z.object({
  code: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/),
  name: z.string().trim().min(1).max(100),
  units: z.number().int().min(1).max(100_000_000),
  price: rupiah,
  active: z.boolean().default(true),
});
const topupPatch = topupBody.extend({ active: z.boolean() }).partial();

const shopSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.string(),
  ownerEmail: z.string().nullable(),
  status: z.enum(STATUSES).nullable().describe("Null: a shop without a subscription (unmetered)"),
  package: z.object({ id: z.uuid(), code: z.string(), name: z.string() }).nullable(),
  periodEnd: z.string().nullable(),
  usage: z.object({
    messagesUsed: z.number().int(),
    messagesAllowance: z.number().int().nullable(),
    topupLeft: z.number().int(),
    numbers: z.number().int(),
    staff: z.number().int(),
    contacts: z.number().int(),
  }),
});
type ShopOut = z.infer<typeof shopSchema>;

const paymentSchema = z.object({
  id: z.uuid(),
  orderId: z.string(),
  kind: z.string(),
  status: z.string(),
  grossAmount: z.number().int(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  description: z.string(),
  invoiceId: z.uuid().nullable(),
  shopId: z.uuid(),
  shopName: z.string(),
});

const signUpBody = z.object({
  shopName: z.string().trim().min(2).max(100),
  ownerName: z.string().trim().min(1).max(100),
  email: z.email().max(200),
  phone: z.string().trim().min(6).max(30).describe("WhatsApp number: 0812…, +62 812… or 62812…"),
  password: z.string().min(8).max(200),
});

/** GET /signup: whether sign-up is open and what the trial gives. */
const signUpInfoSchema = z.object({
  enabled: z.boolean(),
  trialDays: z.number().int().nullable(),
  trialMessages: z.number().int().nullable(),
});

const signInBody = z.object({ email: z.email(), password: z.string().min(1).max(200) });
const suspendBody = z.object({ reason: z.string().trim().min(1).max(500) });
/** Puts a shop on a package without a payment (a shop made before SaaS mode, a gift, a correction). */
const grantBody = z.object({
  packageId: z.uuid(),
  cycle: z.enum(["monthly", "yearly"]).default("monthly"),
});
const shopPageSchema = z.object({ shops: z.array(shopSchema), total: z.number().int() });
const count = z.number().int();
const totalsSchema = z.object({
  shops: z.object({
    total: count,
    trialing: count,
    active: count,
    past_due: count,
    expired: count,
    suspended: count,
  }),
  revenue: z.object({ thisMonth: count, total: count }),
  messagesThisMonth: count,
});

z.globalRegistry.add(signUpBody, { id: "SignUp" });
z.globalRegistry.add(signUpInfoSchema, { id: "SignUpInfo" });
z.globalRegistry.add(adminSchema, { id: "PlatformAdmin" });
z.globalRegistry.add(signInBody, { id: "PlatformSignIn" });
z.globalRegistry.add(shopSchema, { id: "PlatformShop" });
z.globalRegistry.add(shopPageSchema, { id: "PlatformShopPage" });
z.globalRegistry.add(suspendBody, { id: "SuspendShop" });
z.globalRegistry.add(grantBody, { id: "GrantPackage" });
z.globalRegistry.add(packageSchema, { id: "PlatformPackage" });
z.globalRegistry.add(packageBody, { id: "CreatePlatformPackage" });
z.globalRegistry.add(packagePatch, { id: "UpdatePlatformPackage" });
z.globalRegistry.add(topupSchema, { id: "TopupPack" });
z.globalRegistry.add(topupBody, { id: "CreateTopupPack" });
z.globalRegistry.add(topupPatch, { id: "UpdateTopupPack" });
z.globalRegistry.add(paymentSchema, { id: "PlatformPayment" });
z.globalRegistry.add(totalsSchema, { id: "PlatformTotals" });

function shopOut(s: {
  id: string;
  name: string;
  createdAt: Date;
  ownerEmail: string | null;
  status: (typeof STATUSES)[number] | null;
  package: { id: string; code: string; name: string } | null;
  periodEnd: Date | null;
  usage: ShopOut["usage"];
}): ShopOut {
  return { ...s, createdAt: s.createdAt.toISOString(), periodEnd: s.periodEnd?.toISOString() ?? null };
}

/** Sets a session cookie (`names`: plain and `__Host-` name), like POST /auth/sign-in does. */
function setCookie(
  req: FastifyRequest,
  reply: FastifyReply,
  policy: { cookieSecure: boolean; publicOrigin: string },
  names: { plain: string; secure: string },
  token: string,
  expiresAt: Date,
): void {
  const secure = secureCookie(req, policy);
  void reply.setCookie(secure ? names.secure : names.plain, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure,
    expires: expiresAt,
  });
}

/**
 * The platform console (issue 14, SaaS mode): /platform/auth/*, /platform/shops,
 * /platform/packages, /platform/topup-packs, /platform/payments, /platform/totals. Only a
 * platform admin's session opens them (src/http/auth.ts); they exist in single mode too, where
 * no admin exists (401).
 */
export function platformRoutes(
  app: App,
  { services, cookieSecure, publicOrigin, signInPerMinute }: HttpOptions,
): void {
  const tags = ["platform"];
  const policy = { cookieSecure, publicOrigin: publicOrigin ?? "http://127.0.0.1:3000" };
  const names = { plain: PLATFORM_COOKIE, secure: SECURE_PLATFORM_COOKIE };
  const console = services.platformConsole;
  app.post(
    "/platform/auth/sign-in",
    {
      config: { public: true, rateLimit: { max: signInPerMinute ?? 10, timeWindow: "1 minute" } },
      schema: {
        tags,
        security: [],
        body: signInBody,
        response: { 200: z.object({ admin: adminSchema }) },
      },
    },
    async (req, reply) => {
      const { token, expiresAt, admin } = await services.platformAuth
        .signIn(req.body.email, req.body.password)
        .catch((err: unknown) => {
          const wait = (err as { retryAfterSeconds?: number }).retryAfterSeconds;
          if (wait) void reply.header("retry-after", String(wait));
          throw err;
        });
      setCookie(req, reply, policy, names, token, expiresAt);
      return { admin };
    },
  );
  app.post(
    "/platform/auth/sign-out",
    { config: { public: true }, schema: { tags, security: [], response: { 204: z.null() } } },
    async (req, reply) => {
      const token = platformCookieValue(req.cookies);
      if (token) await services.platformAuth.signOut(token);
      void reply.clearCookie(PLATFORM_COOKIE, { path: "/" });
      if (req.cookies[SECURE_PLATFORM_COOKIE] !== undefined || secureCookie(req, policy))
        void reply.clearCookie(SECURE_PLATFORM_COOKIE, { path: "/", secure: true });
      return reply.status(204).send(null);
    },
  );
  app.get(
    "/platform/auth/me",
    { schema: { tags, response: { 200: z.object({ admin: adminSchema }) } } },
    async (req) => ({ admin: req.platformAdmin }),
  );
  app.get(
    "/platform/shops",
    {
      schema: {
        tags,
        description: "Shops with their package, status and usage counts (never their customers or messages).",
        querystring: z.object({
          search: z.string().trim().max(100).optional(),
          status: z.enum(STATUSES).optional(),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
        }),
        response: { 200: shopPageSchema },
      },
    },
    async (req) => {
      const { shops, total } = await console.shops(req.query);
      return { shops: shops.map(shopOut), total };
    },
  );
  app.post(
    "/platform/shops/:id/suspend",
    {
      schema: {
        tags,
        params: idParams,
        body: suspendBody,
        response: { 200: shopSchema },
      },
    },
    async (req) => shopOut(await console.suspend(req.platformAdmin.id, req.params.id, req.body.reason)),
  );
  app.post(
    "/platform/shops/:id/resume",
    { schema: { tags, params: idParams, response: { 200: shopSchema } } },
    async (req) => shopOut(await console.resume(req.platformAdmin.id, req.params.id)),
  );
  app.post(
    "/platform/shops/:id/package",
    { schema: { tags, params: idParams, body: grantBody, response: { 200: shopSchema } } },
    async (req) =>
      shopOut(await console.grant(req.platformAdmin.id, req.params.id, req.body.packageId, req.body.cycle)),
  );
  app.get(
    "/platform/packages",
    { schema: { tags, response: { 200: z.object({ packages: z.array(packageSchema) }) } } },
    async () => ({ packages: await console.packages() }),
  );
  app.post(
    "/platform/packages",
    { schema: { tags, body: packageBody, response: { 201: packageSchema } } },
    async (req, reply) => reply.status(201).send(await console.createPackage(req.platformAdmin.id, req.body)),
  );
  app.patch(
    "/platform/packages/:id",
    { schema: { tags, params: idParams, body: packagePatch, response: { 200: packageSchema } } },
    async (req) => console.updatePackage(req.platformAdmin.id, req.params.id, req.body),
  );
  app.get(
    "/platform/topup-packs",
    { schema: { tags, response: { 200: z.object({ topupPacks: z.array(topupSchema) }) } } },
    async () => ({ topupPacks: await console.topupPacks() }),
  );
  app.post(
    "/platform/topup-packs",
    { schema: { tags, body: topupBody, response: { 201: topupSchema } } },
    async (req, reply) =>
      reply.status(201).send(await console.createTopupPack(req.platformAdmin.id, req.body)),
  );
  app.patch(
    "/platform/topup-packs/:id",
    { schema: { tags, params: idParams, body: topupPatch, response: { 200: topupSchema } } },
    async (req) => console.updateTopupPack(req.platformAdmin.id, req.params.id, req.body),
  );
  app.get(
    "/platform/payments",
    {
      schema: {
        tags,
        querystring: z.object({ status: z.enum(["pending", "paid", "failed", "refunded"]).optional() }),
        response: { 200: z.object({ payments: z.array(paymentSchema) }) },
      },
    },
    async (req) => ({
      payments: (await console.payments(req.query.status)).map((p) => ({
        ...p,
        createdAt: p.createdAt.toISOString(),
        paidAt: p.paidAt?.toISOString() ?? null,
      })),
    }),
  );
  app.get("/platform/totals", { schema: { tags, response: { 200: totalsSchema } } }, () => console.totals());
}

/**
 * GET /signup (what the sign-up page shows) and POST /signup (SaaS mode: a new shop on the
 * trial, signed in like POST /auth/sign-in; 404 in single mode), rate-limited per client
 * address (KABAR_SIGN_UP_PER_HOUR).
 */
export function signUpRoutes(
  app: App,
  { services, cookieSecure, publicOrigin, signUpPerHour }: HttpOptions,
): void {
  const policy = { cookieSecure, publicOrigin: publicOrigin ?? "http://127.0.0.1:3000" };
  app.get(
    "/signup",
    {
      config: { public: true },
      schema: {
        tags: ["auth"],
        security: [],
        response: { 200: signUpInfoSchema },
      },
    },
    () => services.signUp.info(),
  );
  app.post(
    "/signup",
    {
      config: { public: true, rateLimit: { max: signUpPerHour ?? 5, timeWindow: "1 hour" } },
      schema: {
        tags: ["auth"],
        security: [],
        description:
          "SaaS mode: creates a shop on the trial package and signs its owner in (404 in single mode).",
        body: signUpBody,
        response: { 201: z.object({ user: sessionUserSchema }) },
      },
    },
    async (req, reply) => {
      const { token, expiresAt, user } = await services.signUp.signUp(req.body);
      setCookie(
        req,
        reply,
        policy,
        { plain: SESSION_COOKIE, secure: SECURE_SESSION_COOKIE },
        token,
        expiresAt,
      );
      return reply.status(201).send({ user });
    },
  );
}

/** POST /billing/downgrade: the cheaper package, and the cycle (default: the current one). */
const downgradeBody = z.object({ packageId: z.uuid(), cycle: z.enum(["monthly", "yearly"]).optional() });
z.globalRegistry.add(downgradeBody, { id: "Downgrade" });

/**
 * POST /billing/downgrade (schedule a cheaper package from the period's end, limits checked)
 * and DELETE /billing/downgrade (cancel it); both answer like GET /billing. Needs billing.manage.
 */
export function billingLimitRoutes(app: App, { services }: HttpOptions): void {
  const tags = ["billing"];
  const answer = (actor: Actor) => services.payments.overview(actor);
  app.post(
    "/billing/downgrade",
    {
      schema: {
        tags,
        description:
          "Moves the shop to a cheaper package when its period ends; 409 over_package_limit names what to remove first.",
        body: downgradeBody,
        response: { 200: billingOverviewSchema },
      },
    },
    async (req) => {
      await services.downgrades.schedule(req.actor, req.body.packageId, req.body.cycle);
      return answer(req.actor);
    },
  );
  app.delete(
    "/billing/downgrade",
    {
      schema: {
        tags,
        description: "Cancels a scheduled downgrade.",
        response: { 200: billingOverviewSchema },
      },
    },
    async (req) => {
      await services.downgrades.cancel(req.actor);
      return answer(req.actor);
    },
  );
}
