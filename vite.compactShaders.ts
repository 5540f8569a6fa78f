// Shader files as the builds ship them: comments and indentation out, every
// line kept, so `#line` directives and compile errors still point at the
// files' own lines. Development and the tests read the files as they are.
import { readFile } from 'node:fs/promises';
import type { Plugin } from 'vite';

const RAW_SHADER = /\.glsl\?raw$/;

export function compactShaders(): Plugin {
  return {
    name: 'kernelgl:compact-shaders',
    enforce: 'pre',
    async load(id) {
      if (!RAW_SHADER.test(id)) return null;
      const file = id.slice(0, -'?raw'.length);
      this.addWatchFile(file);
      return `export default ${JSON.stringify(compactShader(await readFile(file, 'utf8')))};`;
    },
  };
}

/** GLSL without `//` comments and the spaces around each line; GLSL has no strings, so `//` always starts a comment. */
export function compactShader(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\/\/.*$/, '').trim())
    .join('\n');
}
