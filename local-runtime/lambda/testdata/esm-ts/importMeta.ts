// ES module code that needs import.meta (so the bundle must be an ES module)
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);

export const handler = async (): Promise<{ here: string }> => ({ here });
