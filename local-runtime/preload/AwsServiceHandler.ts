/** One AWS request that reached the local endpoint server. */
export interface AwsServiceRequest {
  method: string;
  /** Path and query string, as sent. */
  path: string;
  /** Header names lower-case (as node:http gives them); repeated headers joined with `, `. */
  headers: Record<string, string | undefined>;
  body: Buffer;
  /** The label of the function whose code sent it (`x-tidepool-caller`), when known. */
  caller?: string;
}

/** The reply to send back, in the service's own wire protocol. */
export interface AwsServiceResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

/** Answers the requests of one emulated AWS service. */
export type AwsServiceHandler = (request: AwsServiceRequest) => Promise<AwsServiceResponse>;
