// TypeScript in a "type": "module" package, as serverless-esbuild bundles it by default (CommonJS)
import * as AWS from 'aws-sdk';

export const handler = async (): Promise<string> => typeof AWS.DynamoDB;
