import { randomUUID } from 'node:crypto';
import type { AwsServiceResponse } from './AwsServiceHandler';
import type { AwsWireProtocol } from './awsOperationOf';

/**
 * An AWS error reply in the given wire protocol, shaped so both AWS SDK v3 and aws-sdk v2 surface
 * `code` as the error's name/code and `message` as its message:
 * JSON 1.0/1.1 (`__type` + `x-amzn-errortype`), RPCv2 CBOR, Query XML (`<ErrorResponse>`), EC2 XML
 * (`<Response><Errors>`), REST-XML (S3's bare `<Error>`, or wrapped) and REST-JSON.
 */
export function awsErrorResponse(
  protocol: AwsWireProtocol,
  error: { statusCode: number; code: string; message: string; contentType?: string | undefined },
): AwsServiceResponse {
  const requestId = randomUUID();
  const { statusCode, code, message } = error;
  const common = { 'x-amzn-requestid': requestId, 'x-amz-request-id': requestId, 'x-amzn-errortype': code };
  switch (protocol) {
    case 'json':
      return {
        statusCode,
        headers: { ...common, 'content-type': error.contentType ?? 'application/x-amz-json-1.1' },
        body: JSON.stringify({ __type: code, message }),
      };
    case 'rest-json':
      return { statusCode, headers: { ...common, 'content-type': 'application/json' }, body: JSON.stringify({ message, Message: message }) };
    case 'cbor':
      return {
        statusCode,
        headers: { ...common, 'content-type': 'application/cbor', 'smithy-protocol': 'rpc-v2-cbor' },
        body: cborTextMap({ __type: code, message }),
      };
    case 'query':
    case 'rest-xml-wrapped':
      return xml(statusCode, common, `<ErrorResponse><Error><Type>Sender</Type><Code>${escape(code)}</Code><Message>${escape(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`);
    case 'ec2':
      return xml(statusCode, common, `<Response><Errors><Error><Code>${escape(code)}</Code><Message>${escape(message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`);
    case 'rest-xml':
      return xml(statusCode, common, `<Error><Code>${escape(code)}</Code><Message>${escape(message)}</Message><RequestId>${requestId}</RequestId></Error>`);
  }
}

function xml(statusCode: number, headers: Record<string, string>, body: string): AwsServiceResponse {
  return { statusCode, headers: { ...headers, 'content-type': 'text/xml' }, body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}` };
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** RFC 8949 encoding of a map of text strings (all an error body needs). */
function cborTextMap(entries: Record<string, string>): Uint8Array {
  const parts: Buffer[] = [];
  const pairs = Object.entries(entries);
  parts.push(cborHead(5, pairs.length));
  for (const [key, value] of pairs) for (const text of [key, value]) {
    const bytes = Buffer.from(text, 'utf8');
    parts.push(cborHead(3, bytes.length), bytes);
  }
  return Buffer.concat(parts);
}

function cborHead(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
  if (length < 0x10000) return Buffer.from([(major << 5) | 25, length >> 8, length & 0xff]);
  const head = Buffer.alloc(5);
  head[0] = (major << 5) | 26;
  head.writeUInt32BE(length, 1);
  return head;
}
