import { z } from 'zod';
import { call } from '../define';

/** A portal address: http(s) only. */
export const PortalUrl = z
  .string()
  .trim()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), {
    message: 'the portal address must start with http:// or https://',
  });

export const PortalCheckRequest = z.object({
  url: PortalUrl,
  /** Mã trạm issued by the province. */
  stationId: z.string().trim().min(1).max(100),
  /** The key to try; left out, the key stored in the settings is used. */
  secret: z.string().min(1).max(500).optional(),
  /** Bound on the whole check (10 s by default). */
  timeoutMs: z.number().int().min(500).max(60_000).default(10_000),
});

/** What a successful check learnt: the portal accepted the station's credentials. */
export const PortalCheckResult = z.object({
  ok: z.literal(true),
  url: z.string(),
  /** Round trip of the login, in milliseconds. */
  latencyMs: z.number().int().min(0),
  /** HetHan: when the session the portal granted expires (ISO 8601). */
  sessionExpiresAt: z.string(),
  /** Which key was tried: the one typed in, or the one stored. */
  usedStoredSecret: z.boolean(),
});
export type PortalCheckResult = z.infer<typeof PortalCheckResult>;

export const portalCalls = {
  /**
   * Kiểm tra kết nối: logs in to the given portal with the given Mã trạm and key
   * (the stored key when none is given), bounded in time, and saves nothing.
   * Fails with a portal_check_* code (or portal_busy) saying what to fix.
   */
  'portal.check': call(PortalCheckRequest, PortalCheckResult, 'admin'),
} as const;
