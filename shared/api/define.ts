import { z } from 'zod';

/**
 * Who may make a call, lowest first; each role may do all that the ones before it may.
 * `public`: anyone, signed in or not (sign-in itself, the app's version).
 * `clerk` (cán bộ tiếp nhận): reception, scanning, signing, sending.
 * `supervisor` (lãnh đạo bộ phận một cửa): figures, the audit check, corrections, catalogue imports.
 * `admin` (quản trị): accounts, station and portal settings.
 * The engine checks it on every call (docs/architecture.md, "Roles").
 */
export const ROLES = ['public', 'clerk', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const roleRank = (r: Role): number => ROLES.indexOf(r);

/**
 * Which channel may make a call: `station`, the clerk's screens, CLI and scripts (checked by role);
 * `citizen`, only the citizen screen's channel, which may make nothing else (docs/architecture.md,
 * "Citizen screen"). The dispatcher of each channel refuses the other's calls.
 */
export type Scope = 'station' | 'citizen';

/** One call of the contract: the params the engine accepts, the result it answers, and the role it needs. */
export const call = <P extends z.ZodType, R extends z.ZodType>(
  params: P,
  result: R,
  role: Role = 'clerk',
) => ({
  params,
  result,
  role,
  scope: 'station' as Scope,
});

/** A call only the citizen screen makes (its channel is scoped by the transport, not by a session). */
export const citizenCall = <P extends z.ZodType, R extends z.ZodType>(params: P, result: R) => ({
  params,
  result,
  role: 'public' as Role,
  scope: 'citizen' as Scope,
});

export const Id = z.string().min(1).max(64);
export const DossierRef = z.object({ dossierId: Id });
export const ComponentRef = z.object({ dossierId: Id, componentCode: z.string().min(1) });
export const PageRef = z.object({ pageId: Id });

/** A file produced by the engine (receipt, catalogue export), base64 so every transport carries it unchanged. */
export const FileOut = z.object({ fileName: z.string(), mime: z.string(), dataBase64: z.string() });
export type FileOut = z.infer<typeof FileOut>;
