/**
 * The test data factory: rows a test needs as its starting state (channels, contacts,
 * campaigns with their recipients, conversations, users), written straight to the
 * database with sensible defaults and typed overrides. What a test is about goes through
 * the API or the services; what it only stands on comes from here.
 *
 * ```ts
 * const f = factory(k);                       // k: a TestKabar (its seeded tenant) or a LeaseDb
 * const channel = await f.channel({ status: "logged_out" });
 * const { campaign, recipients } = await f.runningCampaign({ channelId: channel.id, recipients: 5 });
 * ```
 */
import type { Db } from "../../src/db/client.js";
import {
  campaignChannels,
  campaignRecipients,
  campaigns,
  channels,
  contacts,
  conversations,
  products,
  users,
} from "../../src/db/schema/index.js";
import { PACING_PRESETS } from "../../src/channels/pacing.js";
import type { Role } from "../../src/lib/actor.js";
import { hashPassword } from "../../src/modules/auth/service.js";
import { defaultOutletId } from "./outlets.js";

/** Where the factory writes: a test Kabar (`database.db`, `owner.tenantId`) or a lease test database. */
type FactoryTarget = { database: { db: Db }; owner: { tenantId: string } } | { db: Db; tenantId: string };

type ChannelRow = typeof channels.$inferSelect;
type ContactRow = typeof contacts.$inferSelect;
type CampaignRow = typeof campaigns.$inferSelect;
type RecipientRow = typeof campaignRecipients.$inferSelect;
type ConversationRow = typeof conversations.$inferSelect;
type ProductRow = typeof products.$inferSelect;

type Overrides<T> = Partial<Omit<T, "tenantId">>;

/** Options of {@link Factory.runningCampaign}. */
interface RunningCampaignOptions extends Overrides<typeof campaigns.$inferInsert> {
  /** The channel it sends on (required: a campaign always has one). */
  channelId: string;
  /** How many new contacts it goes to (default 1). */
  recipients?: number;
  /** Overrides of every recipient row, e.g. `nextAttemptAt` to make them due later. */
  recipient?: Overrides<typeof campaignRecipients.$inferInsert>;
}

/** A user of the tenant and the credentials to sign in with. */
interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
}

/** Overrides of {@link Factory.user}. */
interface UserOverrides {
  email?: string;
  password?: string;
  name?: string;
}

interface Factory {
  /** The tenant every row belongs to. */
  tenantId: string;
  /**
   * A new phone number, Indonesian mobile in E.164 (`+628120…`), unique in this test
   * process. The virtual demo customers never have one of these (their 8 digits after the
   * operator prefix never start with 0).
   */
  phone(): string;
  /**
   * Inserts a channel. Defaults: a sandbox channel with its own phone, status as the
   * database defaults it (`disconnected`, so a running Kabar's channel manager leaves it
   * alone), pacing preset "off".
   */
  channel(overrides?: Overrides<typeof channels.$inferInsert>): Promise<ChannelRow>;
  /** Inserts a contact with a new phone ({@link Factory.phone}) and no name, labels or opt-out. */
  contact(overrides?: Overrides<typeof contacts.$inferInsert>): Promise<ContactRow>;
  /** Inserts `n` contacts (each with `overrides`), in one statement; resolves with them in order. */
  contacts(n: number, overrides?: Overrides<typeof contacts.$inferInsert>): Promise<ContactRow[]>;
  /**
   * Writes a running campaign on `channelId` and its recipients (new contacts, text "Halo",
   * due now) in ONE transaction, so a dispatcher never sees it half written (e.g. running
   * with nothing left to send, which it would complete).
   */
  runningCampaign(
    opts: RunningCampaignOptions,
  ): Promise<{ campaign: CampaignRow; contacts: ContactRow[]; recipients: RecipientRow[] }>;
  /**
   * Inserts a conversation on `channelId` (status `open`), with a new contact unless
   * `contactId` is given. Nothing announces it: call the assignment service or emit
   * `conversation.opened` when the test is about what follows an opening.
   */
  conversation(
    overrides: Overrides<typeof conversations.$inferInsert> & { channelId: string; contactId?: string },
  ): Promise<ConversationRow>;
  /**
   * Inserts a user with `role` (default `agent`); e-mail `<role>-<n>@toko-contoh.test` and
   * password `rahasia-<role>-123` unless overridden (there is no API for users yet).
   */
  user(role?: Role, overrides?: UserOverrides): Promise<TestUser>;
  /** Inserts an active product: SKU `SKU-<n>`, name `Produk <n>`, Rp10.000, 30-day interval unless overridden. */
  product(overrides?: Overrides<typeof products.$inferInsert>): Promise<ProductRow>;
}

/** Numbers handed out in this process (module-wide, so two factories never collide). */
let phones = 0;
let names = 0;

/**
 * A factory writing rows of `tenantId` (default: the target's own tenant — the seeded
 * demo tenant of a TestKabar, the one tenant of a LeaseDb) through the target's db.
 */
export function factory(target: FactoryTarget, tenantId?: string): Factory {
  const db = "database" in target ? target.database.db : target.db;
  const tenant = tenantId ?? ("owner" in target ? target.owner.tenantId : target.tenantId);
  const phone = () => `+628120${String(++phones).padStart(7, "0")}`;

  const f: Factory = {
    tenantId: tenant,
    phone,
    async channel(overrides = {}) {
      const [row] = await db
        .insert(channels)
        .values({
          name: `Kanal ${++names}`,
          kind: "sandbox",
          phone: phone(),
          pacing: PACING_PRESETS.off,
          pacingPreset: "off",
          outletId: await defaultOutletId(db, tenant),
          ...overrides,
          tenantId: tenant,
        })
        .returning();
      return row!;
    },
    async contact(overrides = {}) {
      const [row] = await f.contacts(1, overrides);
      return row!;
    },
    async contacts(n, overrides = {}) {
      if (n === 0) return [];
      return db
        .insert(contacts)
        .values(Array.from({ length: n }, () => ({ phone: phone(), ...overrides, tenantId: tenant })))
        .returning();
    },
    async runningCampaign({ channelId, recipients: n = 1, recipient = {}, ...overrides }) {
      const seq = ++names;
      return db.transaction(async (tx) => {
        const [campaign] = await tx
          .insert(campaigns)
          .values({
            name: `Kampanye ${seq}`,
            channelId,
            body: "Halo",
            audience: { type: "all" },
            status: "running",
            ...overrides,
            tenantId: tenant,
          })
          .returning();
        await tx
          .insert(campaignChannels)
          .values({ campaignId: campaign!.id, channelId: campaign!.channelId, tenantId: tenant, weight: 1 });
        const people =
          n === 0
            ? []
            : await tx
                .insert(contacts)
                .values(Array.from({ length: n }, () => ({ phone: phone(), tenantId: tenant })))
                .returning();
        const rows =
          n === 0
            ? []
            : await tx
                .insert(campaignRecipients)
                .values(
                  people.map((c, i) => ({
                    campaignId: campaign!.id,
                    channelId: campaign!.channelId,
                    contactId: c.id,
                    phone: c.phone,
                    text: "Halo",
                    messageId: `f-${campaign!.id}-${i}`,
                    ...recipient,
                    tenantId: tenant,
                  })),
                )
                .returning();
        return { campaign: campaign!, contacts: people, recipients: rows };
      });
    },
    async conversation({ contactId, ...overrides }) {
      const contact = contactId ?? (await f.contact()).id;
      const [row] = await db
        .insert(conversations)
        .values({ status: "open", ...overrides, contactId: contact, tenantId: tenant })
        .returning();
      return row!;
    },
    async product(overrides = {}) {
      const n = ++names;
      const [row] = await db
        .insert(products)
        .values({
          sku: `SKU-${n}`,
          name: `Produk ${n}`,
          price: 10_000,
          consumptionDays: 30,
          ...overrides,
          tenantId: tenant,
        })
        .returning();
      return row!;
    },
    async user(role = "agent", overrides = {}) {
      const email = overrides.email ?? `${role}-${++names}@toko-contoh.test`;
      const password = overrides.password ?? `rahasia-${role}-123`;
      const [u] = await db
        .insert(users)
        .values({
          tenantId: tenant,
          email,
          name: overrides.name ?? `${role} ${email}`,
          passwordHash: await hashPassword(password),
          role,
        })
        .returning({ id: users.id });
      return { id: u!.id, email, password, role };
    },
  };
  return f;
}
