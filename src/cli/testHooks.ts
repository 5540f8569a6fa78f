/**
 * What only the test suite sets, never documented for users: a script run
 * in the runner page once it has loaded, before it starts, so that a test
 * can make the page stall or crash and see the command cope
 * (test/e2e/robustness.test.ts).
 */
import { readFileSync } from 'node:fs';

/** The environment variable naming the script file. */
export const PAGE_HOOK_VARIABLE = 'KERNELGL_TEST_PAGE_HOOK';

/** The script's source, or null when no test set one. */
export function pageHook(env: NodeJS.ProcessEnv = process.env): string | null {
  const path = env[PAGE_HOOK_VARIABLE];
  return path ? readFileSync(path, 'utf8') : null;
}
