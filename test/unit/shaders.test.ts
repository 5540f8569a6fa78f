// Shader sources as src/gpu/shaders.ts builds them: the shared codes as
// #defines after #version, each chunk included once, and #line directives
// that keep every line numbered as in its file (GLSL ES 3.00: `#line N S`
// numbers the next line N of source string S); compiler logs located back
// in the files. (Compiling them is the browser test uniforms.test.ts.)
import { describe, expect, test } from 'vitest';
import { OUTSIDE } from '../../src/border.js';
import { BORDER_CODES, CODE_DEFINES } from '../../src/gpu/codes.js';
import { SHADERS, ShaderFiles } from '../../src/gpu/shaders.js';

const files = new ShaderFiles({
  'main.frag.glsl': '#version 300 es\nprecision highp float;\n#include "a.glsl"\n#include "b.glsl"\nvoid main() {}\n',
  'a.glsl': '// a\nfloat a() { return 1.0; }\n',
  'b.glsl': '// b includes a again\n#include "a.glsl"\nfloat b() { return a(); }\n',
  'loop.glsl': '#include "loop.glsl"\n',
  'uses-loop.frag.glsl': '#version 300 es\n#include "loop.glsl"\n',
  'unknown.frag.glsl': '#version 300 es\n#include "nowhere.glsl"\n',
});

/** The line each source line claims under the #line directives: `S:N` for every non-directive line. */
function numbered(source: string): string[] {
  let string = 0;
  let line = 1;
  const out: string[] = [];
  for (const text of source.split('\n')) {
    const directive = /^#line (\d+) (\d+)$/.exec(text);
    if (directive) {
      [line, string] = [Number(directive[1]), Number(directive[2])];
      continue;
    }
    out.push(`${string}:${line}: ${text}`);
    line++;
  }
  return out;
}

describe('ShaderFiles.source', () => {
  const source = files.source('main.frag.glsl', 'MAP_BORDERS');

  test('#version first, then the codes and the variant as #defines', () => {
    const lines = source.split('\n');
    expect(lines[0]).toBe('#version 300 es');
    expect(lines.slice(1, CODE_DEFINES.length + 2)).toEqual([...CODE_DEFINES, 'MAP_BORDERS'].map((d) => `#define ${d}`));
  });

  test('every line keeps its file and number; a chunk comes in once', () => {
    const body = numbered(source).filter((l) => !l.includes('#define') && !l.endsWith(': '));
    // Source strings: main.frag.glsl 0, a.glsl 1, b.glsl 2.
    expect(body).toEqual([
      '0:1: #version 300 es',
      '0:2: precision highp float;',
      '1:1: // a',
      '1:2: float a() { return 1.0; }',
      '2:1: // b includes a again',
      '2:3: float b() { return a(); }',
      '0:5: void main() {}',
    ]);
  });

  test('an include of itself, or of an unknown file, throws', () => {
    expect(() => files.source('uses-loop.frag.glsl')).toThrow(/"loop.glsl" is circular \(uses-loop.frag.glsl -> loop.glsl -> loop.glsl\)/);
    expect(() => files.source('unknown.frag.glsl')).toThrow(/"nowhere.glsl" is unknown/);
  });

  test('every program of SHADERS resolves', () => {
    for (const [vertex, fragment] of Object.values(SHADERS)) {
      expect(vertex).not.toContain('#include');
      expect(fragment).not.toContain('#include');
    }
  });
});

test('locate names the file and line of each error, with the line', () => {
  const log = "ERROR: 2:3: 'a' : no matching overloaded function found\nERROR: 9:1: 'x' : unknown string\n";
  expect(files.locate(log)).toBe(
    "ERROR: shaders/b.glsl:3: 'a' : no matching overloaded function found\n    3 | float b() { return a(); }\nERROR: 9:1: 'x' : unknown string\n",
  );
});

test('the codes: one table, the border mapping OUTSIDE from the CPU reference', () => {
  expect(CODE_DEFINES).toContain(`BORDER_REFLECT101 ${BORDER_CODES.reflect101}`);
  expect(CODE_DEFINES).toContain(`OUTSIDE (${OUTSIDE})`);
  expect(new Set(CODE_DEFINES.map((d) => d.split(' ')[0])).size).toBe(CODE_DEFINES.length);
});
