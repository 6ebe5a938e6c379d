import { documentClient } from '../../lib/aws/documentClient';
import { Repository } from '../../lib/repository/Repository';
import type { EntityDefinition, EntitySchema } from '../../lib/repository/defineEntity';

/** The service's single table, read from `TABLE_NAME` at call time (never at module load). */
export function tableName(): string {
  const name = process.env['TABLE_NAME'];
  if (!name) throw new Error('TABLE_NAME is not set: every function of the service needs the name of its table');
  return name;
}

/** A repository for `entity` in the service's table, over the shared document client. */
export function repositoryOf<Name extends string, Schema extends EntitySchema, KeyInput, IndexName extends string>(
  entity: EntityDefinition<Name, Schema, KeyInput, IndexName>,
): Repository<Name, Schema, KeyInput, IndexName> {
  return new Repository(entity, tableName, documentClient());
}
