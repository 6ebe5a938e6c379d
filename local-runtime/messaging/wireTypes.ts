/** A request as the protocol handlers see it (headers lower-cased). */
export interface MessagingWireRequest {
  headers: Record<string, string>;
  body: string;
  /** Path and query string (Query requests may carry the queue URL or parameters there). */
  path?: string;
}

/** A protocol handler's answer. */
export interface MessagingWireReply {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}
