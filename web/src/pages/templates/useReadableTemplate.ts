import { useTranslation } from "react-i18next";
import { readableTemplate } from "../../lib/templateText";
import { BUILT_IN_VARIABLES } from "./editing";

type BuiltIn = (typeof BUILT_IN_VARIABLES)[number];

/**
 * How an owner reads a template or quick reply in a list: `label` names a variable (a
 * built-in one by its words in the UI language, "Nama pelanggan"; an attribute by its key),
 * `readable` gives the text with `[label]` for each variable and spintax as "Halo/Hai"
 * (`readableTemplate`).
 */
export function useReadableTemplate(): { readable(text: string): string; label(name: string): string } {
  const { t } = useTranslation();
  const label = (name: string): string =>
    BUILT_IN_VARIABLES.includes(name as BuiltIn) ? t(`templateEditor.builtIn.${name as BuiltIn}`) : name;
  return { label, readable: (text) => readableTemplate(text, label) };
}
