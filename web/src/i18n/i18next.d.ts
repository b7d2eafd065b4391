import 'i18next';
import type id from './id.json';

// Every t('…') key is checked against the Indonesian catalogue (the reference).
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof id };
  }
}
