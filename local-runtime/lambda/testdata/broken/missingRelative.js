const helper = require('./helperThatDoesNotExist');
exports.handler = async () => helper();
