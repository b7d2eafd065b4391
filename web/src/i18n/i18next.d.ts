import 'i18next';
// One import per catalogue file (id/<area>.json); add yours to `Catalogue`.
import type core from './id/core.json';

type Catalogue = typeof core;

// Every t('…') key is checked against the Indonesian catalogue (the reference).
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalogue };
  }
}
