// Shaders against the code that drives them. For every program: each uniform
// the code sets is one the program has (twgl skips an unknown name in
// silence, so a misspelt or stale name would otherwise go unnoticed), and
// each uniform the program has is set (else it keeps whatever an earlier
// draw left). And a compile error names the shader file and line written,
// through the #include and #line handling of src/gpu/shaders.ts.
import { describe, expect, test } from 'vitest';
import { useTestPage } from '../support/page.js';

const testPage = useTestPage('test/browser/engine.html');

test('every program is drawn, with exactly the uniforms it has', async () => {
  const programs = await testPage().page.evaluate(() => window.engineChecks.checkUniforms());
  for (const [name, { active, set }] of Object.entries(programs)) {
    expect(set, `${name}: no draw set its uniforms`).not.toEqual([]);
    expect({ program: name, setButNotInProgram: set.filter((u) => !active.includes(u)) }).toEqual({
      program: name,
      setButNotInProgram: [],
    });
    expect({ program: name, inProgramButNeverSet: active.filter((u) => !set.includes(u)) }).toEqual({
      program: name,
      inProgramButNeverSet: [],
    });
  }
});

describe('a compile error names the file and line written', () => {
  const vertex = '#version 300 es\nvoid main() {\n  gl_Position = vec4(0.0);\n}\n';
  const chunk = '// A chunk, included once though asked for twice.\nfloat helper() {\n  return 1.0;\n}\n';
  const files = (main: string, extra = chunk) => ({ 'fullscreen.vert.glsl': vertex, 'main.frag.glsl': main, 'chunk.glsl': extra });
  const build = (f: Record<string, string>) =>
    testPage().page.evaluate((f) => window.engineChecks.buildError(f, 'fullscreen.vert.glsl', 'main.frag.glsl'), f);

  test('in the program file, after includes', async () => {
    const main =
      '#version 300 es\nprecision highp float;\n#include "chunk.glsl"\n#include "chunk.glsl"\nout vec4 color;\nvoid main() {\n  color = vec4(helper() + missingName);\n}\n';
    const message = await build(files(main));
    expect(message).toContain('the broken shader failed to build');
    expect(message).toMatch(/ERROR: shaders\/main\.frag\.glsl:7: .*missingName/);
    expect(message).toContain('7 | color = vec4(helper() + missingName);');
  });

  test('in an included chunk', async () => {
    const main =
      '#version 300 es\nprecision highp float;\n#include "chunk.glsl"\nout vec4 color;\nvoid main() {\n  color = vec4(helper());\n}\n';
    const message = await build(files(main, '// A chunk with a mistake.\n\nfloat helper() {\n  return wrongName;\n}\n'));
    expect(message).toMatch(/ERROR: shaders\/chunk\.glsl:4: .*wrongName/);
    expect(message).toContain('4 | return wrongName;');
  });

  test('the shaders as written build', async () => {
    const main =
      '#version 300 es\nprecision highp float;\n#include "chunk.glsl"\nout vec4 color;\nvoid main() {\n  color = vec4(helper(), float(BORDER_CONSTANT), float(OUTSIDE), 1.0);\n}\n';
    expect(await build(files(main))).toBe('built');
  });
});
