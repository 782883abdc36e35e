import { z } from 'zod';

/** One call of the contract: the params the engine accepts and the result it answers. */
export const call = <P extends z.ZodType, R extends z.ZodType>(params: P, result: R) => ({ params, result });

export const Id = z.string().min(1).max(64);
export const DossierRef = z.object({ dossierId: Id });
export const ComponentRef = z.object({ dossierId: Id, componentCode: z.string().min(1) });
export const PageRef = z.object({ pageId: Id });

/** A file produced by the engine (receipt, catalogue export), base64 so every transport carries it unchanged. */
export const FileOut = z.object({ fileName: z.string(), mime: z.string(), dataBase64: z.string() });
