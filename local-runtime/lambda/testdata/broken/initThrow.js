class ConfigError extends Error {
  constructor(message) { super(message); this.name = 'ConfigError'; }
}
if (process.env.TIDEPOOL_FIXTURE_INIT_OK !== 'yes') throw new ConfigError('TABLE_NAME is not set');
exports.handler = async () => 'initialised';
