// TypeScript in a CommonJS package with top-level await (bundled as an ES module)
const table = await Promise.resolve(process.env.TABLE);

export const handler = async (): Promise<{ table: string | undefined }> => ({ table });
