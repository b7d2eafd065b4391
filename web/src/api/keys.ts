import type { RecipientStatus } from './types';

/** React Query keys, in one place so realtime events and mutations refresh the right data. */
export const keys = {
  me: ['me'] as const,
  tenant: ['tenant'] as const,
  channels: ['channels'] as const,
  campaigns: ['campaigns'] as const,
  campaign: (id: string) => ['campaign', id] as const,
  recipientsOf: (id: string) => ['recipients', id] as const,
  recipients: (id: string, status: RecipientStatus | null, page: number) => ['recipients', id, status, page] as const,
  contacts: (search: string, page: number) => ['contacts', search, page] as const,
  contactsAll: ['contacts'] as const,
  labels: ['labels'] as const,
  sandboxPhones: ['sandbox', 'phones'] as const,
  phoneMessages: (phone: string) => ['sandbox', 'messages', phone] as const,
};
