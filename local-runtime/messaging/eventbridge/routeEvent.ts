import type { MessagingHub } from '../MessagingHub';
import type { LocalBus, LocalRule } from './LocalBus';
import { transformInput } from './transformInput';

/** Sends an event (or a schedule's payload) to every target of a rule. */
export function deliverToTargets(hub: MessagingHub, rule: LocalRule, event: Record<string, unknown>, trigger: { type: string; source: string }): void {
  for (const target of rule.targets) {
    const payload = transformInput(target, event, rule);
    if (target.functionKey !== undefined) hub.deps.deliverAsync(target.functionKey, payload, trigger);
    else hub.deliverToArn(target.Arn, payload, trigger, target.SqsParameters?.MessageGroupId !== undefined ? { messageGroupId: target.SqsParameters.MessageGroupId } : {});
  }
}

/** Routes an event on a bus: every enabled rule whose pattern matches delivers it to its targets. */
export function routeEvent(hub: MessagingHub, bus: LocalBus, event: Record<string, unknown>): void {
  for (const rule of bus.rules.values()) {
    if (rule.state !== 'ENABLED' || rule.matches === undefined || !rule.matches(event)) continue;
    deliverToTargets(hub, rule, event, { type: 'eventBridge', source: bus.name });
  }
}
