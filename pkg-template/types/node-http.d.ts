import type { IncomingMessage, ServerResponse } from "node:http";
import type { HandlerOptions, HookEvent, Provider } from "hookgate";

/** The raw body as a Buffer; rejects with `payload_too_large` as soon as it passes `maxBodyBytes` (default 1 MiB). */
export declare function readRawBody(req: IncomingMessage, options?: { maxBodyBytes?: number }): Promise<Buffer>;

/**
 * A node:http listener: verifies each request for `provider`, then awaits `onEvent(event, req, res)`.
 * Answers 200 `{"ok":true}` (unless `onEvent` answered), `{"error":"<code>"}` with the shared statuses
 * for rejected deliveries, and 500 when `onEvent` throws (so the sender retries).
 */
export declare function createHandler(
  provider: Provider,
  options: HandlerOptions<IncomingMessage>,
  onEvent: (event: HookEvent, req: IncomingMessage, res: ServerResponse) => void | Promise<void>,
): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
