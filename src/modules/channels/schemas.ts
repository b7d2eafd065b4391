import { z } from 'zod';
import { CHANNEL_STATUSES } from '../../channels/transport.js';
import { pacingPolicySchema } from '../../channels/pacing.js';

export const PRESET_NAMES = ['safe', 'balanced', 'demo', 'off'] as const;

export const channelSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(['sandbox', 'baileys', 'cloud_api']),
  phone: z.string().nullable(),
  status: z.enum(CHANNEL_STATUSES),
  statusSince: z.string(),
  lastError: z.string().nullable(),
  pacingPreset: z.string(),
  pacing: pacingPolicySchema,
  createdAt: z.string(),
});
export type ChannelDto = z.infer<typeof channelSchema>;

export const createChannelBody = z.object({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(['sandbox', 'baileys', 'cloud_api']).default('sandbox'),
  pacingPreset: z.enum(PRESET_NAMES).optional().describe('Default: safe (demo for sandbox channels)'),
});

export const updateChannelBody = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    pacingPreset: z.enum(PRESET_NAMES).optional(),
    pacing: pacingPolicySchema.optional().describe('A custom policy (preset becomes "custom")'),
  })
  .refine((v) => !(v.pacing && v.pacingPreset), { message: 'give pacingPreset or pacing, not both', path: ['pacing'] });
