import { randomUUID } from 'node:crypto';
import { compileEventPattern } from '../eventPattern/compileEventPattern';
import { EventPatternError } from '../eventPattern/EventPatternError';
import { MessagingError } from '../errors';
import type { MessagingHub } from '../MessagingHub';
import { ruleArn, type LocalBus, type LocalRule, type LocalTarget } from './LocalBus';
import { deliverToTargets } from './routeEvent';

type Json = Record<string, unknown>;
const RULE_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;

/** The event a scheduled rule sends (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html). */
export function scheduledEvent(hub: MessagingHub, rule: LocalRule, atMs: number): Record<string, unknown> {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: hub.accountId,
    time: new Date(atMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: hub.region,
    resources: [rule.arn],
    detail: {},
  };
}

function busOf(hub: MessagingHub, input: Json): LocalBus {
  return hub.bus(typeof input['EventBusName'] === 'string' ? input['EventBusName'] : 'default');
}

function ruleOf(hub: MessagingHub, input: Json): { bus: LocalBus; rule: LocalRule } {
  const bus = busOf(hub, input);
  const rule = bus.rules.get(String(input['Name'] ?? input['Rule']));
  if (rule === undefined) throw new MessagingError('ResourceNotFoundException', `Rule ${String(input['Name'] ?? input['Rule'])} does not exist on EventBus ${bus.name}.`);
  return { bus, rule };
}

/** Creates or updates a rule (PutRule, or a service's `AWS::Events::Rule` / `eventBridge` / `schedule` event). */
export function putRule(hub: MessagingHub, bus: LocalBus, input: { Name: string; EventPattern?: string; ScheduleExpression?: string; State?: string; Description?: string }): LocalRule {
  if (!RULE_NAME.test(input.Name)) throw new MessagingError('ValidationException', `1 validation error detected: Value '${input.Name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`);
  if (input.EventPattern === undefined && input.ScheduleExpression === undefined) {
    throw new MessagingError('ValidationException', 'Parameter(s) EventPattern or ScheduleExpression must be specified.');
  }
  let matches: LocalRule['matches'];
  try {
    matches = input.EventPattern === undefined ? undefined : compileEventPattern(input.EventPattern);
  } catch (error) {
    if (!(error instanceof EventPatternError)) throw error;
    throw new MessagingError('InvalidEventPatternException', `Event pattern is not valid. Reason: ${error.message}`);
  }
  const existing = bus.rules.get(input.Name);
  const rule: LocalRule = {
    name: input.Name,
    arn: ruleArn(hub.region, hub.accountId, bus.name, input.Name),
    eventBusName: bus.name,
    ...(input.EventPattern !== undefined && { eventPattern: input.EventPattern }),
    ...(input.ScheduleExpression !== undefined && { scheduleExpression: input.ScheduleExpression }),
    state: input.State === 'DISABLED' ? 'DISABLED' : 'ENABLED',
    ...(input.Description !== undefined && { description: input.Description }),
    matches,
    targets: existing?.targets ?? [],
  };
  if (input.ScheduleExpression !== undefined) {
    hub.scheduler.add(rule.arn, input.ScheduleExpression, (at) => {
      const current = bus.rules.get(rule.name);
      if (current?.state === 'ENABLED') deliverToTargets(hub, current, scheduledEvent(hub, current, at), { type: 'schedule', source: current.name });
    });
  } else hub.scheduler.remove(rule.arn);
  bus.rules.set(rule.name, rule);
  return rule;
}

function describe(rule: LocalRule): Json {
  return {
    Name: rule.name,
    Arn: rule.arn,
    EventBusName: rule.eventBusName,
    State: rule.state,
    ...(rule.eventPattern !== undefined && { EventPattern: rule.eventPattern }),
    ...(rule.scheduleExpression !== undefined && { ScheduleExpression: rule.scheduleExpression }),
    ...(rule.description !== undefined && { Description: rule.description }),
  };
}

const target = ({ functionKey: _omit, ...rest }: LocalTarget): Json => rest as Json;

/** EventBridge's rule, target and bus operations (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Operations.html). */
export const RULE_OPERATIONS: Record<string, (hub: MessagingHub, input: Json) => Json> = {
  PutRule: (hub, input) => {
    const rule = putRule(hub, busOf(hub, input), {
      Name: String(input['Name'] ?? ''),
      ...(typeof input['EventPattern'] === 'string' && { EventPattern: input['EventPattern'] }),
      ...(typeof input['ScheduleExpression'] === 'string' && { ScheduleExpression: input['ScheduleExpression'] }),
      ...(typeof input['State'] === 'string' && { State: input['State'] }),
      ...(typeof input['Description'] === 'string' && { Description: input['Description'] }),
    });
    return { RuleArn: rule.arn };
  },
  DeleteRule: (hub, input) => {
    const bus = busOf(hub, input);
    const rule = bus.rules.get(String(input['Name']));
    if (rule !== undefined && rule.targets.length > 0) throw new MessagingError('ValidationException', 'Rule can\'t be deleted since it has targets.');
    if (rule !== undefined) hub.scheduler.remove(rule.arn);
    bus.rules.delete(String(input['Name']));
    return {};
  },
  DescribeRule: (hub, input) => describe(ruleOf(hub, input).rule),
  ListRules: (hub, input) => {
    const prefix = typeof input['NamePrefix'] === 'string' ? input['NamePrefix'] : '';
    return { Rules: [...busOf(hub, input).rules.values()].filter((r) => r.name.startsWith(prefix)).map(describe) };
  },
  EnableRule: (hub, input) => {
    ruleOf(hub, input).rule.state = 'ENABLED';
    return {};
  },
  DisableRule: (hub, input) => {
    ruleOf(hub, input).rule.state = 'DISABLED';
    return {};
  },
  PutTargets: (hub, input) => {
    const { rule } = ruleOf(hub, input);
    const targets = Array.isArray(input['Targets']) ? (input['Targets'] as LocalTarget[]) : [];
    if (targets.length < 1 || targets.length > 10) throw new MessagingError('ValidationException', '1 validation error detected: Value at \'targets\' failed to satisfy constraint: Member must have length less than or equal to 10');
    for (const t of targets) {
      const index = rule.targets.findIndex((existing) => existing.Id === t.Id);
      if (index === -1) rule.targets.push({ ...t });
      else rule.targets[index] = { ...t };
    }
    return { FailedEntryCount: 0, FailedEntries: [] };
  },
  RemoveTargets: (hub, input) => {
    const { rule } = ruleOf(hub, input);
    const ids = new Set((input['Ids'] ?? []) as string[]);
    rule.targets = rule.targets.filter((t) => !ids.has(t.Id));
    return { FailedEntryCount: 0, FailedEntries: [] };
  },
  ListTargetsByRule: (hub, input) => ({ Targets: ruleOf(hub, input).rule.targets.map(target) }),
  CreateEventBus: (hub, input) => {
    const name = String(input['Name'] ?? '');
    if (hub.buses.has(name)) throw new MessagingError('ResourceAlreadyExistsException', `Event bus ${name} already exists.`);
    const arn = `arn:aws:events:${hub.region}:${hub.accountId}:event-bus/${name}`;
    hub.addBus({ logicalId: undefined, name, arn, rules: new Map() });
    return { EventBusArn: arn };
  },
  DeleteEventBus: (hub, input) => {
    const bus = hub.buses.get(String(input['Name']));
    if (bus !== undefined && bus.name !== 'default') {
      hub.buses.delete(bus.name);
      hub.buses.delete(bus.arn);
    }
    return {};
  },
  DescribeEventBus: (hub, input) => {
    const bus = busOf(hub, { EventBusName: input['Name'] ?? 'default' });
    return { Name: bus.name, Arn: bus.arn };
  },
  ListEventBuses: (hub) => ({ EventBuses: [...new Set(hub.buses.values())].map((b) => ({ Name: b.name, Arn: b.arn })) }),
};
