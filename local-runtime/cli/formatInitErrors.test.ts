import { describe, expect, it } from 'vitest';
import { formatInitErrors } from './formatInitErrors';

describe('formatInitErrors', () => {
  it('prints nothing when every handler loaded', () => {
    expect(formatInitErrors([])).toBe('');
  });

  it('prints one line per failing function: key, handler, error type, first line of the message, hint', () => {
    const text = formatInitErrors([
      { functionKey: 'a', handler: 'src/a.handler', error: { errorType: 'Runtime.ImportModuleError', errorMessage: "Error: Cannot find module 'x'\nRequire stack:\n- /svc/a.js" }, hint: 'npm install\nx' },
      { functionKey: 'b', handler: 'src/b.main', error: { errorType: 'ConfigError', errorMessage: 'TABLE is not set' } },
    ]);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('2 functions failed to initialise');
    expect(lines[1]).toContain("✗ a (src/a.handler): Runtime.ImportModuleError: Error: Cannot find module 'x' · npm install x");
    expect(lines[2]).toMatch(/✗ b \(src\/b\.main\): ConfigError: TABLE is not set$/);
  });
});
