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

/**
 * The largest call any transport takes (WebSocket frame, MessagePort or in-process
 * envelope), so no single message can make the engine hold more than a bounded amount:
 * a JSON frame is held about three times over while it is parsed (the frame, the string,
 * the objects). Pages travel in calls of at most UPLOAD_BATCH_BYTES (renderer
 * `dossier/addFiles.ts`), and a file bigger than that in chunks of UPLOAD_CHUNK_BYTES.
 */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** The renderer sends files in calls of about this many bytes of base64. */
export const UPLOAD_BATCH_BYTES = 24 * 1024 * 1024;
