const pad = require('tidepool-fixture-not-installed');
exports.handler = async () => pad('x', 3);
