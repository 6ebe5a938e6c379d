// ES module by "type": "module", with top-level await reading the environment at Init
const config = await Promise.resolve({ table: process.env.TABLE });
export const handler = async () => ({ esm: typeof require === 'undefined' || 'bundled', table: config.table });
