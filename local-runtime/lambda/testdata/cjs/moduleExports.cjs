// module.exports assigned after the fact: Node cannot detect the names statically
const handlers = {};
handlers.handler = async (event) => ({ cjs: true, got: event.value });
handlers.nested = { inner: async () => 'nested export' };
Object.assign(module.exports, handlers);
