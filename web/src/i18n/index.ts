import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { catalogue } from "./catalogue";

/** Bahasa Indonesia first, English second. */
export const LANGUAGES = ["id", "en"] as const;
type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = "kabar.language";

function initialLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "id";
  } catch {
    return "id";
  }
}

void i18n.use(initReactI18next).init({
  resources: { id: { translation: catalogue("id") }, en: { translation: catalogue("en") } },
  lng: initialLanguage(),
  fallbackLng: "id",
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false,
});

document.documentElement.lang = i18n.language;
i18n.on("languageChanged", (lng) => {
  document.documentElement.lang = lng;
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // private mode: the choice lasts for this page only
  }
});

export default i18n;
