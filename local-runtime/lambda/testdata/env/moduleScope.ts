import { currentCaller } from '../../../preload/callerContext';

// Read while the module loads (Init), as handlers do for table names and clients
const seenAtInit = {
  table: process.env.TABLE,
  functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
  region: process.env.AWS_REGION,
  caller: currentCaller(),
};

export const handler = async (): Promise<typeof seenAtInit> => seenAtInit;
