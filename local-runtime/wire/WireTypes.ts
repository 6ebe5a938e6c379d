/** A request as the DynamoDB JSON 1.0 protocol sees it: headers (any case) and the raw body. */
export interface WireRequest {
  headers: Record<string, string | undefined>;
  body: string;
}

/** The protocol's answer, ready for any transport. */
export interface WireResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}
