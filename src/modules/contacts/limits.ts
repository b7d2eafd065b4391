/**
 * Field limits of a contact, the same for the contacts API (schemas.ts) and for file
 * imports (import/contact.ts), so an import can never store what the API would refuse.
 */

/** Longest contact name: 200 characters. */
export const MAX_NAME_LENGTH = 200;
/** Longest attribute value: 1,000 characters. */
export const MAX_ATTRIBUTE_VALUE_LENGTH = 1000;
/** Longest label: 50 characters. */
export const MAX_LABEL_LENGTH = 50;
/** Most labels given to a contact at once: 50. */
export const MAX_LABELS = 50;
