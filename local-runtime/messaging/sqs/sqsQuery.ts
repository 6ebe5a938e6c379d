import type { Json } from './sqsInput';

/** Query list prefixes (flattened, 1-based) and the JSON member they fill. */
const LISTS: Record<string, string> = {
  AttributeName: 'AttributeNames',
  MessageAttributeName: 'MessageAttributeNames',
  MessageSystemAttributeName: 'MessageSystemAttributeNames',
  TagKey: 'TagKeys',
};
const MAPS: Record<string, [string, string, string]> = {
  Attribute: ['Attributes', 'Name', 'Value'],
  Tag: ['Tags', 'Key', 'Value'],
};
const ENTRIES = /^(SendMessageBatchRequestEntry|DeleteMessageBatchRequestEntry|ChangeMessageVisibilityBatchRequestEntry)$/;
const NUMBERS = new Set(['MaxNumberOfMessages', 'WaitTimeSeconds', 'VisibilityTimeout', 'DelaySeconds', 'MaxResults']);

/** Groups `Prefix.N.rest` parameters by N (1-based, in order). */
function indexed(params: Map<string, string>, prefix: string): Map<string, string>[] {
  const groups = new Map<number, Map<string, string>>();
  for (const [key, value] of params) {
    const match = new RegExp(`^${prefix}\\.(\\d+)(?:\\.(.*))?$`).exec(key);
    if (match === null) continue;
    const n = Number(match[1]);
    if (!groups.has(n)) groups.set(n, new Map());
    groups.get(n)!.set(match[2] ?? '', value);
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g);
}

function messageAttributes(params: Map<string, string>, prefix: string): Json | undefined {
  const out: Json = {};
  for (const group of indexed(params, prefix)) {
    const name = group.get('Name');
    if (name === undefined) continue;
    out[name] = {
      DataType: group.get('Value.DataType') ?? 'String',
      ...(group.has('Value.StringValue') && { StringValue: group.get('Value.StringValue') }),
      ...(group.has('Value.BinaryValue') && { BinaryValue: group.get('Value.BinaryValue') }),
    };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The JSON-protocol input of an SQS Query request (`Attribute.1.Name=…`, `SendMessageBatchRequestEntry.1.Id=…`). */
export function queryToInput(params: Map<string, string>): Json {
  const input: Json = {};
  for (const [key, value] of params) {
    if (key === 'Action' || key === 'Version' || key.includes('.')) continue;
    input[key] = NUMBERS.has(key) ? Number(value) : value;
  }
  for (const [prefix, member] of Object.entries(LISTS)) {
    const values = indexed(params, prefix).map((g) => g.get('') ?? '');
    if (values.length > 0) input[member] = values;
  }
  for (const [prefix, [member, k, v]] of Object.entries(MAPS)) {
    const groups = indexed(params, prefix);
    if (groups.length > 0) input[member] = Object.fromEntries(groups.map((g) => [g.get(k) ?? '', g.get(v) ?? '']));
  }
  const attributes = messageAttributes(params, 'MessageAttribute');
  if (attributes !== undefined) input['MessageAttributes'] = attributes;
  const entryPrefix = [...params.keys()].map((k) => k.split('.')[0]!).find((p) => ENTRIES.test(p));
  if (entryPrefix !== undefined) {
    input['Entries'] = indexed(params, entryPrefix).map((group) => {
      const sub = new Map([...group].filter(([k]) => k !== ''));
      const entry = queryToInput(sub);
      return entry;
    });
  }
  return input;
}

/** Names a JSON list member's elements take in SQS's XML (flattened lists). */
const ELEMENT: Record<string, string> = {
  QueueUrls: 'QueueUrl',
  queueUrls: 'QueueUrl',
  Messages: 'Message',
  Failed: 'BatchResultErrorEntry',
};
const MAP_ELEMENT: Record<string, [string, string, string]> = {
  Attributes: ['Attribute', 'Name', 'Value'],
  MessageAttributes: ['MessageAttribute', 'Name', 'Value'],
  Tags: ['Tag', 'Key', 'Value'],
};

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function xmlValue(value: unknown, name: string, successful: string): string {
  if (Array.isArray(value)) {
    const element = name === 'Successful' ? successful : ELEMENT[name] ?? name;
    return value.map((v) => `<${element}>${xmlInner(v, successful)}</${element}>`).join('');
  }
  const map = MAP_ELEMENT[name];
  if (map !== undefined && typeof value === 'object' && value !== null) {
    const [element, k, v] = map;
    return Object.entries(value).map(([key, val]) => `<${element}><${k}>${escapeXml(key)}</${k}><${v}>${xmlInner(val, successful)}</${v}></${element}>`).join('');
  }
  return `<${name}>${xmlInner(value, successful)}</${name}>`;
}

function xmlInner(value: unknown, successful: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return escapeXml(String(value));
  return Object.entries(value as Json).map(([k, v]) => xmlValue(v, k, successful)).join('');
}

/** An SQS Query response: `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…`. */
export function outputToXml(action: string, output: Json, requestId: string): string {
  const successful = `${action.replace(/Batch$/, '')}BatchResultEntry`;
  const result = xmlInner(output, successful);
  return `<?xml version="1.0"?><${action}Response xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
}
