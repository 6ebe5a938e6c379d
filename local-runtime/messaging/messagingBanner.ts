import type { MessagingHub } from './MessagingHub';

/**
 * The `start` banner's lines for the AWS endpoint and the local queues, topics, rules and
 * schedules (none for an absent kind).
 */
export function messagingBanner(runtime: { awsEndpointUrl: string | undefined; messaging: { hub: MessagingHub } }): string[] {
  const hub = runtime.messaging.hub;
  const lines: string[] = [];
  if (runtime.awsEndpointUrl !== undefined) lines.push(`  AWS        ${runtime.awsEndpointUrl}   SQS · SNS · EventBridge · Lambda · STS (aws … --endpoint-url ${runtime.awsEndpointUrl})`);
  const queues = hub.queueList().map((q) => q.name);
  if (queues.length > 0) lines.push(`  Queues     ${queues.join(', ')}`);
  const topics = [...hub.topics.values()].map((t) => `${t.name} (${t.subscriptions.length} subscription${t.subscriptions.length === 1 ? '' : 's'})`);
  if (topics.length > 0) lines.push(`  Topics     ${topics.join(', ')}`);
  const rules = [...new Set(hub.buses.values())].flatMap((bus) => [...bus.rules.values()].map((rule) => ({ bus, rule })));
  const patterns = rules.filter(({ rule }) => rule.eventPattern !== undefined);
  if (patterns.length > 0) lines.push(`  Rules      ${patterns.map(({ bus, rule }) => `${bus.name}/${rule.name}${rule.state === 'DISABLED' ? ' (disabled)' : ''}`).join(', ')}`);
  const schedules = rules.filter(({ rule }) => rule.scheduleExpression !== undefined);
  for (const { rule } of schedules) {
    const next = hub.scheduler.nextAt(rule.arn);
    const targets = rule.targets.map((t) => t.functionKey ?? t.Arn).join(', ');
    lines.push(`  Schedule   ${targets} ← schedule ${rule.scheduleExpression}${rule.state === 'DISABLED' ? ' (disabled)' : next === undefined ? '' : `, next ${new Date(next).toISOString()}`}`);
  }
  return lines;
}
