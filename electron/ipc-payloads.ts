// The shape of every message that crosses into main, checked with the same
// schema library as the engine. Main trusts nothing the renderer sends.
import { z } from 'zod';
import { FILE_PURPOSES, JOB_ID, METHOD_NAME } from '../engine/api/transport';

export const INVOKE_PAYLOAD = z.strictObject({ method: METHOD_NAME, params: z.unknown() });
export const CANCEL_PAYLOAD = z.strictObject({ jobId: JOB_ID });
export const CHOOSE_FILE_PAYLOAD = z.strictObject({ purpose: z.enum(FILE_PURPOSES) });
/** An export to save: the same schema the renderer builds it with. */
export { SAVE_FILE_REQUEST as SAVE_FILE_PAYLOAD } from '../engine/export/save-file';

/** Messages main sends to the engine's utility process. */
export const HOST_REQUEST = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('invoke'), id: z.number().int().nonnegative(), method: METHOD_NAME, params: z.unknown() }),
  z.strictObject({ type: z.literal('cancel'), jobId: JOB_ID }),
]);
export type HostRequest = z.infer<typeof HOST_REQUEST>;

/** Messages the utility process sends back. Results and events are re-parsed by their own schemas. */
export const HOST_REPLY = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('result'), id: z.number().int().nonnegative(), result: z.unknown() }),
  z.strictObject({ type: z.literal('progress'), event: z.unknown() }),
]);
export type HostReply = z.infer<typeof HOST_REPLY>;
