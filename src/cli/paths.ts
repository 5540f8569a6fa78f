/**
 * Where the command finds its own files. Everything resolves from this
 * module's location (dist/node/src/cli/ once built), never from the working
 * directory, so `kernelgl` works from any folder.
 */
import { fileURLToPath } from 'node:url';

const packageRoot = new URL('../../../../', import.meta.url);

/** A file of the package, by its path from the package root. */
export const packageFile = (path: string): string => fileURLToPath(new URL(path, packageRoot));

/** The built pages (`vite build -c vite.app.config.ts`), served to the headless browser. */
export const APP_DIR = packageFile('dist/app/');

/** The runner page inside APP_DIR. */
export const RUNNER_PAGE = 'src/cli/runner/index.html';

/** The photo the default run filters. */
export const DEFAULT_INPUT = packageFile('demo/samples/rocket.jpg');
