// Request bodies are read with a hard cap, so one request cannot fill memory.
import type { IncomingMessage } from 'node:http';

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

export class BodyError extends Error {
  override readonly name = 'BodyError';
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  // Requiring JSON also means a plain cross-site form post cannot reach the engine.
  if (!/^application\/json\b/i.test(type)) throw new BodyError(415, 'Send the request as application/json.');
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limitBytes) throw new BodyError(413, `Request body is larger than ${limitBytes} bytes.`);

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limitBytes) throw new BodyError(413, `Request body is larger than ${limitBytes} bytes.`);
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyError(400, 'The request body is not valid JSON.');
  }
}
