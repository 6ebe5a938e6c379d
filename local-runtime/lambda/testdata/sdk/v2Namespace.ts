// Code written for serverless-webpack/esbuild with esModuleInterop: namespace import of aws-sdk v2
import * as AWS from 'aws-sdk';
import DefaultAWS from 'aws-sdk';

const dynamodb = new AWS.DynamoDB({ region: 'eu-west-1' });
const documents = new DefaultAWS.DynamoDB.DocumentClient({ region: 'eu-west-1' });

export const handler = async (): Promise<Record<string, string>> => ({
  client: dynamodb.constructor.name,
  region: String(dynamodb.config.region),
  documentClient: typeof documents.get,
  credentials: typeof AWS.Credentials,
});
