import type { EventPredicate } from '../eventPattern/compileEventPattern';

/** One entry of PutEvents. */
export interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Resources?: string[];
  Time?: string | number;
}

/** A rule target (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Target.html). */
export interface LocalTarget {
  Id: string;
  Arn: string;
  Input?: string;
  InputPath?: string;
  InputTransformer?: { InputPathsMap?: Record<string, string>; InputTemplate: string };
  SqsParameters?: { MessageGroupId?: string };
  /** A function of this service (from its `eventBridge` / `schedule` events), when known. */
  functionKey?: string;
}

/** An EventBridge rule: an event pattern or a schedule, and its targets. */
export interface LocalRule {
  name: string;
  arn: string;
  eventBusName: string;
  eventPattern?: string;
  scheduleExpression?: string;
  state: 'ENABLED' | 'DISABLED';
  description?: string;
  /** The compiled pattern (undefined for a schedule-only rule). */
  matches: EventPredicate | undefined;
  targets: LocalTarget[];
}

/** An EventBridge bus and its rules by name. */
export interface LocalBus {
  logicalId: string | undefined;
  name: string;
  arn: string;
  rules: Map<string, LocalRule>;
}

/** A rule's ARN in AWS's shape (the default bus omits its name). */
export function ruleArn(region: string, accountId: string, busName: string, ruleName: string): string {
  return `arn:aws:events:${region}:${accountId}:rule/${busName === 'default' ? '' : `${busName}/`}${ruleName}`;
}
