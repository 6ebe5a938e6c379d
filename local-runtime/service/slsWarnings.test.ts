import { describe, expect, it } from 'vitest';
import { slsWarnings } from './slsWarnings';

describe('slsWarnings', () => {
  it('splits the schema block into one warning per problem and keeps other warnings whole', () => {
    const stderr = [
      '',
      '\u001b[33mWarning: Invalid configuration encountered\u001b[39m',
      "  at root: unrecognized property 'org'",
      "  at 'provider': unrecognized property 'lambdaHashingVersion'",
      '',
      'Learn more about configuration validation here: https://example.test',
      '',
      'Warning: Setting "20201221" for "provider.lambdaHashingVersion" is no longer effective.',
      '',
      'Environment: linux, node 20.20.2, osls 4.3.1 (local)',
    ].join('\n');
    expect(slsWarnings(stderr, 'serverless.ts')).toEqual([
      "serverless.ts: at root: unrecognized property 'org' (configuration schema: a warning for a local run)",
      "serverless.ts: at 'provider': unrecognized property 'lambdaHashingVersion' (configuration schema: a warning for a local run)",
      'Setting "20201221" for "provider.lambdaHashingVersion" is no longer effective.',
    ]);
  });

  it('finds nothing in a clean run', () => {
    expect(slsWarnings('Environment: linux\n', 'serverless.yml')).toEqual([]);
  });
});
