import { describe, expect, it } from "vitest";
import { catalogue } from "./catalogue";

type Tree = { [key: string]: string | Tree };

/** The text at a dotted key of one language's catalogue (throws if the key is missing). */
function text(language: "id" | "en", key: string): string {
  let node: string | Tree = catalogue(language);
  for (const part of key.split(".")) {
    if (typeof node === "string" || !(part in node)) throw new Error(`${language}: no ${key}`);
    node = node[part] as string | Tree;
  }
  if (typeof node !== "string") throw new Error(`${language}: ${key} is not a text`);
  return node;
}

/** Every text of one language. */
function texts(tree: Tree): string[] {
  return Object.values(tree).flatMap((v) => (typeof v === "string" ? [v] : texts(v)));
}

/**
 * The four things Indonesian once called "Jeda" (issue 11, item 19), each with its own word
 * (docs/GLOSSARY.md, "Waiting and pausing"), and texts that name each one.
 */
const MEANINGS = {
  pause: {
    id: "jeda",
    en: "pause",
    keys: ["campaign.pause", "campaign.done.pause", "pacing.pauseAfter"],
  },
  replyDelay: {
    id: "waktu tunggu balasan",
    en: "reply delay",
    keys: ["automation.form.delay", "automation.form.delayMin", "automation.form.delayMax"],
  },
  cooldown: {
    id: "masa tenang",
    en: "cooldown",
    keys: ["automation.form.cooldown", "automation.outcomes.cooldown"],
  },
  gap: {
    id: "selang antarpesan",
    en: "gap between messages",
    keys: ["pacing.minDelay", "pacing.maxDelay", "composer.pacingDelay", "composer.pacingNoDelay"],
  },
} as const;

describe("the words an owner reads", () => {
  it("gives pause, reply delay, cooldown and the gap between messages four different words", () => {
    for (const language of ["id", "en"] as const) {
      const words = Object.values(MEANINGS).map((m) => m[language]);
      expect(new Set(words).size, language).toBe(4);
      for (const [name, meaning] of Object.entries(MEANINGS)) {
        for (const key of meaning.keys) {
          const t = text(language, key).toLowerCase();
          expect(t, `${language} ${key} names the ${name}`).toContain(meaning[language]);
          for (const [other, o] of Object.entries(MEANINGS)) {
            if (other !== name)
              expect(t, `${language} ${key} is not the ${other}`).not.toMatch(
                new RegExp(`\\b${o[language]}`),
              );
          }
        }
      }
    }
  });

  it("says 'Jeda' only for pausing a campaign", () => {
    const jeda = texts(catalogue("id")).filter((t) => /\bjeda\b/i.test(t));
    expect(jeda.sort()).toEqual(["Jeda", "Jeda kampanye setelah gagal berturut-turut"].sort());
  });

  it("uses no English or technical words in Bahasa Indonesia", () => {
    const all = texts(catalogue("id"));
    expect(all.filter((t) => /spintax|\bonline\b|\boffline\b|∞/i.test(t))).toEqual([]);
    expect(text("id", "live.on")).not.toBe("Langsung");
  });

  it("does not call unlinking a number by the sign-out word", () => {
    for (const language of ["id", "en"] as const) {
      const signOut = text(language, "auth.signOut").toLowerCase();
      expect(text(language, "channels.logout").toLowerCase()).not.toContain(signOut);
      expect(text(language, "channels.logoutTitle").toLowerCase()).not.toContain(signOut);
    }
  });
});
