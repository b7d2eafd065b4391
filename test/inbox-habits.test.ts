/**
 * Inbox habits a shop owner noticed (issue 11, item 17), over the API and the sandbox:
 * replying to an unassigned conversation makes the replier its assignee (and other agents
 * hear it), going online answers how many conversations it gave the agent, auto-replies
 * are marked as such in the thread, and a rule's log names the customer and the message
 * that triggered it.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversations } from "../src/db/schema/index.js";
import type { BusEvents } from "../src/lib/bus.js";
import type { AgentDto } from "../src/modules/assignment/schemas.js";
import type { LogEntryDto, RuleDto } from "../src/modules/automation/schemas.js";
import type { ConversationDetailDto, ConversationDto, MessageDto } from "../src/modules/inbox/schemas.js";
import { apiClient, ok, signIn, untilConnected, type Api } from "./support/api.js";
import { firstChannel } from "./support/channels.js";
import { factory } from "./support/factory.js";
import { customerWrites, sandboxCustomer } from "./support/customers.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

let k: TestKabar;
let owner: Api;
let agent: Api;
let agentId: string;
let channelId: string;
let customers = 0;
const assigned: Array<BusEvents["conversation.assigned"]> = [];

beforeAll(async () => {
  k = await startTestKabar({}, { automation: { delayScale: 0 } });
  owner = apiClient(k.http!, { cookie: k.cookie });
  channelId = (await firstChannel(owner)).id;
  await untilConnected(owner, channelId);
  agentId = (await factory(k).user("agent", { email: "dewi@toko-contoh.test", password: "agen-rahasia-123" }))
    .id;
  agent = apiClient(k.http!, {
    cookie: (await signIn(k.http!, "dewi@toko-contoh.test", "agen-rahasia-123")).cookie,
  });
  k.bus.on("conversation.assigned", (e) => assigned.push(e));
});
afterAll(async () => k?.close());

/** A new virtual customer who never answers by themselves. */
const newCustomer = (name: string): Promise<string> =>
  sandboxCustomer(k, { phone: `+628573456${String(++customers).padStart(4, "0")}`, name });

/** The customer writes `text`; resolves with their conversation once the inbox stored it. */
const writes = (phone: string, text: string) => customerWrites(owner, k.bus, channelId, phone, text);

const conversation = async (id: string) =>
  (await ok(owner<ConversationDetailDto>("GET", `/conversations/${id}`))).conversation;

describe("replying to an unassigned conversation", () => {
  it("makes the person who replied its assignee, and tells the other agents", async () => {
    const phone = await newCustomer("Rudi Hartono");
    const c = await writes(phone, "Kak, stok sepatu ukuran 42 ada?");
    expect(c.assigneeId).toBeNull();
    await ok(owner("POST", `/conversations/${c.id}/messages`, { text: "Ada kak, mau warna apa?" }), 201);
    expect((await conversation(c.id)).assigneeId).toBe(k.owner.userId);
    // The realtime layer forwards this event to every agent of the shop.
    expect(assigned).toContainEqual(
      expect.objectContaining({ conversationId: c.id, assigneeId: k.owner.userId, previousAssigneeId: null }),
    );
  });

  it("leaves a conversation someone else handles with them", async () => {
    const phone = await newCustomer("Sinta Dewi");
    const c = await writes(phone, "Halo, mau tanya ongkir ke Bandung");
    await ok(owner("POST", `/conversations/${c.id}/assign`, { userId: agentId }));
    await ok(owner("POST", `/conversations/${c.id}/messages`, { text: "Sebentar ya kak" }), 201);
    expect((await conversation(c.id)).assigneeId).toBe(agentId);
  });
});

describe("going online", () => {
  it("answers how many waiting conversations it gave the agent", async () => {
    const waiting: string[] = [];
    for (const name of ["Tono", "Umi", "Vina"]) {
      waiting.push((await writes(await newCustomer(name), `Halo, saya ${name}`)).id);
    }
    const me = await ok(
      agent<AgentDto & { assigned: number }>("PUT", "/agents/me/presence", { online: true }),
    );
    const mine = await k.database.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.tenantId, k.owner.tenantId), eq(conversations.assigneeId, agentId)));
    expect(mine.map((c) => c.id)).toEqual(expect.arrayContaining(waiting));
    // The conversation assigned to the agent by hand before was not given by going online.
    expect(me.assigned).toBe(mine.length - 1);
    expect(me.online).toBe(true);
    const again = await ok(
      agent<AgentDto & { assigned: number }>("PUT", "/agents/me/presence", { online: true }),
    );
    expect(again.assigned).toBe(0);
    await ok(agent("PUT", "/agents/me/presence", { online: false }));
  });
});

describe("auto-replies", () => {
  let rule: RuleDto;
  let c: ConversationDto;

  beforeAll(async () => {
    rule = await ok(
      owner<RuleDto>("POST", "/automation/rules", {
        name: "Harga",
        type: "keyword",
        config: { keywords: ["harga"], mode: "contains" },
        reply: "Halo {{name|kak}}, daftar harga kami kirim ya",
        cooldownSeconds: 0,
      }),
      201,
    );
    const phone = await newCustomer("Wulan Sari");
    await ok(
      owner("POST", `/sandbox/phones/${encodeURIComponent(phone)}/messages`, {
        channelId,
        text: "Kak, harga kaos polos berapa?",
      }),
    );
    // The auto-reply may already be the last message: find the conversation by its customer.
    c = await waitFor(async () => {
      const [found] = await ok(
        owner<ConversationDto[]>("GET", `/conversations?search=${encodeURIComponent(phone)}`),
      );
      return found;
    });
  });

  it("are marked as such in the thread, an agent's reply is not", async () => {
    const thread = await waitFor(async () => {
      const ms = await ok(owner<MessageDto[]>("GET", `/conversations/${c.id}/messages`));
      return ms.some((m) => m.direction === "out") ? ms : undefined;
    });
    expect(thread.find((m) => m.direction === "out")).toMatchObject({
      text: "Halo Wulan Sari, daftar harga kami kirim ya",
      autoReply: true,
    });
    const mine = await ok(
      owner<MessageDto>("POST", `/conversations/${c.id}/messages`, { text: "Ini katalognya kak" }),
      201,
    );
    expect(mine.autoReply).toBe(false);
  });

  it("are logged with the customer and the message that triggered the rule", async () => {
    const [entry] = await waitFor(async () => {
      const log = await ok(owner<LogEntryDto[]>("GET", `/automation/rules/${rule.id}/log`));
      return log.length > 0 ? log : undefined;
    });
    expect(entry).toMatchObject({
      contactName: "Wulan Sari",
      contactPhone: expect.stringMatching(/^\+628573456/),
      messageText: "Kak, harga kaos polos berapa?",
    });
  });
});
