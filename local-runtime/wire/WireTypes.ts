/** A request as the DynamoDB JSON 1.0 protocol sees it: headers (any case) and the raw body bytes or text. */
export interface WireRequest {
  headers: Record<string, string | undefined>;
  /** Raw body as sent: text, or bytes (possibly gzip-compressed when `Content-Encoding: gzip`). */
  body: string | Uint8Array;
  /** The transport guarantees lower-case header names (node:http does), so they need no scan. */
  headerNamesLowerCase?: boolean;
}

/**
 * The protocol's answer, ready for any transport: `body` is exactly the bytes to send (gzip-compressed if
 * negotiated). Transports send the body and never write into it: replies may share one body (see EMPTY_OBJECT_BYTES).
 */
export interface WireResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
}
