/**
 * The largest call any transport takes (WebSocket frame, MessagePort or in-process
 * envelope), so no single message can make the engine hold more than a bounded amount:
 * a JSON frame is held about three times over while it is parsed (the frame, the string,
 * the objects). Files travel in calls of at most UPLOAD_BATCH_BYTES, and a file bigger
 * than that in chunks of UPLOAD_CHUNK_BYTES (shared/api/upload.ts).
 */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** Files are sent in calls of about this many bytes of base64. */
export const UPLOAD_BATCH_BYTES = 24 * 1024 * 1024;
/** A file above UPLOAD_BATCH_BYTES travels in chunks of this many bytes (`scan.uploadChunk`). */
export const UPLOAD_CHUNK_BYTES = 8 * 1024 * 1024;
/** Bytes of unfinished chunked files the engine holds for one dossier at a time. */
export const UPLOAD_DOSSIER_BYTES = 256 * 1024 * 1024;
/** The largest single file the station takes (a scan, a PDF), on every path. */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;
