import { describe, expect, it } from "vitest";
import { can, requirePermission } from "./actor.js";
import { disabledSet, moduleOfPermission, routeModules, withoutDisabled } from "./modules.js";

describe("module registry", () => {
  it("maps permission keys to the module that owns them; shop settings belong to none", () => {
    expect(moduleOfPermission("orders.create")).toBe("commerce");
    expect(moduleOfPermission("products.read")).toBe("commerce");
    expect(moduleOfPermission("campaigns.start")).toBe("broadcast");
    expect(moduleOfPermission("settings.update")).toBeUndefined();
    expect(moduleOfPermission("templates.read")).toBeUndefined();
  });

  it("a route belongs to its path's module and its permission's module", () => {
    expect(routeModules("/reminders/settings", "campaigns.read")).toEqual(["broadcast", "reminders"]);
    expect(routeModules("/segments", "contacts.read")).toEqual(["commerce"]);
    expect(routeModules("/contacts/:id", "contacts.read")).toEqual([]);
    expect(routeModules("/sandbox/phones/:phone/messages", "inbox.reply")).toEqual(["inbox"]);
  });

  it("drops a switched-off module's keys and ignores unknown stored names", () => {
    const off = disabledSet(["commerce", "gone"]);
    expect([...off]).toEqual(["commerce"]);
    expect(withoutDisabled(["orders.read", "contacts.read", "products.read"], off)).toEqual([
      "contacts.read",
    ]);
  });

  it("an owner of a shop with broadcast off cannot use campaigns and hears module_disabled", () => {
    const actor = {
      tenantId: "t",
      userId: null,
      role: "owner" as const,
      disabledModules: disabledSet(["broadcast"]),
    };
    expect(can(actor, "campaigns.read")).toBe(false);
    expect(can(actor, "contacts.read")).toBe(true);
    expect(() => requirePermission(actor, "campaigns.read")).toThrow(
      expect.objectContaining({ code: "module_disabled" }),
    );
    const agent = { ...actor, role: "agent" as const };
    expect(() => requirePermission(agent, "users.create")).toThrow(
      expect.objectContaining({ code: "forbidden" }),
    );
  });
});
