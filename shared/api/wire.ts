/** The envelope every transport carries (MessagePort, WebSocket, in-process). */
import { z } from 'zod';
import { AppError } from './contract';

export const CallMessage = z.object({
  kind: z.literal('call'),
  id: z.number().int(),
  method: z.string(),
  params: z.unknown(),
  /** The caller's session (from accounts.signIn); absent before sign-in or on a station without accounts. */
  session: z.string().max(128).optional(),
});
export type CallMessage = z.infer<typeof CallMessage>;

export const ResultMessage = z.discriminatedUnion('ok', [
  z.object({ kind: z.literal('result'), id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.object({ kind: z.literal('result'), id: z.number().int(), ok: z.literal(false), error: AppError }),
]);
export type ResultMessage = z.infer<typeof ResultMessage>;

export const EventMessage = z.object({
  kind: z.literal('event'),
  name: z.string(),
  payload: z.unknown(),
});
export type EventMessage = z.infer<typeof EventMessage>;

export const ServerMessage = z.union([ResultMessage, EventMessage]);
export type ServerMessage = z.infer<typeof ServerMessage>;

export { MAX_MESSAGE_BYTES, UPLOAD_BATCH_BYTES, UPLOAD_CHUNK_BYTES, UPLOAD_DOSSIER_BYTES } from './limits';
