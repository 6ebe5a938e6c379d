import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{functions,lib,local-runtime}/**/*.test.ts'],
    exclude: ['node_modules/**', '.serverless/**', '.esbuild/**', '.tidepool/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
