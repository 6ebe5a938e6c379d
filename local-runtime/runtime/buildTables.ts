import type { Engine } from '../engine/Engine';
import type { ServiceModel } from '../service/ServiceModel';
import { tableInputsFromResources } from '../service/tableInputsFromResources';
import type { LocalResources } from './LocalResources';

interface TableDescription {
  TableName: string;
  TableArn: string;
  LatestStreamArn?: string;
}

/**
 * Creates every `AWS::DynamoDB::Table` of the service in the engine, through the same
 * CreateTable / UpdateTimeToLive operations a client would call, and registers each table's
 * local `Ref` (name) and `Fn::GetAtt` values (Arn, StreamArn).
 */
export async function buildTables(service: ServiceModel, engine: Engine, resources: LocalResources): Promise<void> {
  for (const table of tableInputsFromResources(service, resources)) {
    // A table a data directory already holds (`start --data-dir`) is kept as stored, with its items.
    const stored = engine.tables.has(String(table.createTableInput['TableName']));
    const output = stored
      ? { TableDescription: (await engine.execute('DescribeTable', { TableName: table.createTableInput['TableName'] }))['Table'] }
      : await engine.execute('CreateTable', table.createTableInput);
    const description = output['TableDescription'] as TableDescription;
    if (table.timeToLive?.Enabled && !stored) {
      await engine.execute('UpdateTimeToLive', {
        TableName: description.TableName,
        TimeToLiveSpecification: { AttributeName: table.timeToLive.AttributeName, Enabled: true },
      });
    }
    const attributes: Record<string, string> = { Arn: description.TableArn };
    if (description.LatestStreamArn) attributes['StreamArn'] = description.LatestStreamArn;
    resources.set(table.logicalId, { type: 'AWS::DynamoDB::Table', ref: description.TableName, attributes });
  }
}
