/**
 * The packages the command needs beyond the library. They are optional peer
 * dependencies of kernelgl, so a web app that installs kernelgl gets only
 * what the library uses; the command checks for them before it loads them.
 */
import { createRequire } from 'node:module';

/** sharp reads and writes the image files (libvips, prebuilt for each platform inside npm packages). */
const CODECS = ['sharp'] as const;
const BROWSER_DRIVER = 'puppeteer-core';

/** The command's packages that `engine` needs and that cannot be found from here. */
export function missingPackages(engine: 'gpu' | 'cpu'): string[] {
  const needed = engine === 'gpu' ? [...CODECS, BROWSER_DRIVER] : [...CODECS];
  const require = createRequire(import.meta.url);
  return needed.filter((name) => {
    try {
      require.resolve(name);
      return false;
    } catch {
      return true;
    }
  });
}

/** What to tell someone whose install lacks `missing`. */
export function missingPackagesHelp(missing: readonly string[]): string {
  const list = missing.join(' ');
  return (
    `the command needs ${missing.join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not installed (a web app that uses the library does not need them). ` +
    `Install them beside kernelgl: npm install --save-dev ${list}; or for one run: npx ${missing.map((m) => `-p ${m}`).join(' ')} -p kernelgl kernelgl ARGS.`
  );
}
