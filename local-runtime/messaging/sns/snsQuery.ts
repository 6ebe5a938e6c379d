import type { SnsMessageAttribute } from './LocalTopic';

type Params = URLSearchParams;

/** `Prefix.entry.N.key/value` (SNS maps) as an object. */
export function queryMap(params: Params, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 1; params.has(`${prefix}.entry.${i}.key`); i++) out[params.get(`${prefix}.entry.${i}.key`)!] = params.get(`${prefix}.entry.${i}.value`) ?? '';
  return out;
}

/** `Prefix.member.N.Key/Value` (tags) as an object. */
export function queryTags(params: Params, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 1; params.has(`${prefix}.member.${i}.Key`); i++) out[params.get(`${prefix}.member.${i}.Key`)!] = params.get(`${prefix}.member.${i}.Value`) ?? '';
  return out;
}

/** The message attributes of a Publish (or a PublishBatch entry, with its prefix). */
export function queryMessageAttributes(params: Params, prefix: string): Record<string, SnsMessageAttribute> {
  const attributes: Record<string, SnsMessageAttribute> = {};
  for (let i = 1; params.has(`${prefix}MessageAttributes.entry.${i}.Name`); i++) {
    const at = `${prefix}MessageAttributes.entry.${i}.`;
    const value = params.get(`${at}Value.StringValue`);
    const binary = params.get(`${at}Value.BinaryValue`);
    attributes[params.get(`${at}Name`) ?? ''] = {
      DataType: params.get(`${at}Value.DataType`) ?? 'String',
      ...(value !== null && { StringValue: value }),
      ...(binary !== null && { BinaryValue: binary }),
    };
  }
  return attributes;
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `<entry><key>…</key><value>…</value></entry>` for each pair. */
export function xmlEntries(values: Record<string, string>): string {
  return Object.entries(values).map(([k, v]) => `<entry><key>${escapeXml(k)}</key><value>${escapeXml(v)}</value></entry>`).join('');
}

/** `<member><A>…</A>…</member>` for each object. */
export function xmlMembers(items: Array<Record<string, string>>): string {
  return items.map((item) => `<member>${Object.entries(item).map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`).join('')}</member>`).join('');
}
