// CommonJS, callback style (3 parameters)
exports.handler = function (event, context, callback) { callback(null, { doubled: event.n * 2 }); };
exports.failing = function (event, context, callback) { callback(new Error('cb failed')); };
