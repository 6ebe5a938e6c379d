import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, TransactionCanceledError, type TransactionItemFailure } from './errors';
import type { TransactionItem } from './Repository';

interface CancellationReason {
  Code?: string;
  Message?: string;
}

const reasonsOf = (error: unknown): CancellationReason[] | undefined =>
  error instanceof Error && error.name === 'TransactionCanceledException'
    ? ((error as Error & { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [])
    : undefined;

/**
 * A TransactWriteItems across entities (and tables): collect items built by repositories
 * (`repo.putItem`, `updateItem`, `deleteItem`, `checkItem`), then `commit()`. All succeed or none do.
 * A cancelled transaction throws {@link TransactionCanceledError} with one typed failure per item
 * that caused it; a failed condition carries a {@link ConflictError}.
 *
 * @example
 * await new Transaction(documentClient())
 *   .add(orders.updateItem({ id }, { status: 'PAID' }, { expectedVersion: 3 }))
 *   .add(payments.putItem(payment, { ifNotExists: true }))
 *   .commit({ clientRequestToken: `pay-${id}` });
 */
export class Transaction {
  readonly items: TransactionItem[] = [];

  constructor(private readonly client: DynamoDBDocumentClient) {}

  add(...items: TransactionItem[]): this {
    this.items.push(...items);
    return this;
  }

  /** Sends the transaction. `clientRequestToken` makes retries of the same call idempotent (10 minutes). */
  async commit(options: { clientRequestToken?: string } = {}): Promise<void> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: this.items.map((item) => item.request),
          ...(options.clientRequestToken === undefined ? {} : { ClientRequestToken: options.clientRequestToken }),
        }),
      );
    } catch (error) {
      const reasons = reasonsOf(error);
      if (reasons === undefined) throw error;
      throw new TransactionCanceledError(this.failures(reasons), { cause: error });
    }
  }

  private failures(reasons: CancellationReason[]): TransactionItemFailure[] {
    return reasons.flatMap((reason, index) => {
      const item = this.items[index];
      if (item === undefined || reason.Code === undefined || reason.Code === 'None') return [];
      const conflict =
        reason.Code === 'ConditionalCheckFailed'
          ? new ConflictError(item.entity, item.conflict, `${item.entity} (transaction item ${index}): ${reason.Message ?? 'condition failed'}`)
          : undefined;
      return [{ index, entity: item.entity, code: reason.Code, message: reason.Message, conflict }];
    });
  }
}
