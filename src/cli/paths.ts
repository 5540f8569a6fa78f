/** Where the command finds its own files (see packageFile: from the package, not the working directory). */
import { packageFile } from '../tooling/packageFile.js';

/**
 * What the command serves to the browser: dist/, since the runner page
 * (built apart from the demo: `vite build -c vite.app.config.ts --mode
 * runner`) loads the library from dist/standalone/.
 */
export const RUNNER_DIR = packageFile('dist/');

/** The runner page inside RUNNER_DIR. */
export const RUNNER_PAGE = 'runner/src/cli/runner/index.html';

/** The photo the default run filters. */
export const DEFAULT_INPUT = packageFile('demo/samples/rocket.jpg');
