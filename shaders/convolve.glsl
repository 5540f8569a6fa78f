// The weighted sum of one pass, rows outer, columns inner, as the CPU
// reference sums (src/cpu/execute.ts). The including program defines
// fetchInput() for its kind of input. Built plain for the interior, where
// every tap lies inside the image, and with MAP_BORDERS for the edge strips,
// where coordinates are mapped by the border mode. START: the sum starts from
// an earlier pass's result, else from 0.
//
// The window is walked as lines of taps: its rows, or its one column when it
// is a single column, so that a vertical 1D pass runs one loop rather than a
// loop per row. Weights come four to an RGBA32F texel, one fetch for four
// taps; the last (taps mod 4) of a line sit one to a texel, in .x.
//
// Windows of up to a few dozen taps are built with their shape, LINES x TAPS
// (and COLUMN for a vertical line), as constants: the compiler unrolls the
// loops, which halves a small pass's cost on software renderers. Larger ones
// take the shape from uniforms, so that one program serves them all.
#include "border.glsl"
#include "image.glsl"
#include "output.glsl"

uniform highp sampler2D u_lineWeights;  // RGBA32F, a row of texels per line (src/gpu/lineWeights.ts)
uniform ivec2 u_anchor;
uniform int u_border;                   // edges only: BORDER_*
uniform vec4 u_outside;                 // edges only: the input texel outside the image (border constant)
#ifdef START
uniform highp sampler2D u_start;
#endif

#ifdef TAPS
#ifdef COLUMN
const ivec2 STEP = ivec2(0, 1);
#else
const ivec2 STEP = ivec2(1, 0);
#endif
#else
uniform int u_lines;
uniform int u_taps;                     // taps per line
uniform ivec2 u_step;                   // from one tap of a line to the next
#define LINES u_lines
#define TAPS u_taps
#define STEP u_step
#endif

#ifdef MAP_BORDERS
vec4 tap(ivec2 p) {
  // Packed gray input only comes to column passes, whose x stays in its texels.
  int sx = borderIndex(p.x, u_imageSize.x, u_border);
  int sy = borderIndex(p.y, u_imageSize.y, u_border);
  return (sx == OUTSIDE || sy == OUTSIDE) ? u_outside : fetchInput(ivec2(sx, sy));
}
#else
vec4 tap(ivec2 p) {
  return fetchInput(p);
}
#endif

void main() {
  ivec2 xy = ivec2(gl_FragCoord.xy);
#ifdef START
  vec4 acc = texelFetch(u_start, xy, 0);
#else
  vec4 acc = vec4(0.0);
#endif
  int groups = TAPS >> 2;
  int texels = groups + (TAPS & 3);
  for (int j = 0; j < LINES; j++) {
    ivec2 p = xy - u_anchor + ivec2(0, j);
    for (int g = 0; g < groups; g++) {
      vec4 w = texelFetch(u_lineWeights, ivec2(g, j), 0);
      acc += w.x * tap(p);
      acc += w.y * tap(p + STEP);
      acc += w.z * tap(p + 2 * STEP);
      acc += w.w * tap(p + 3 * STEP);
      p += 4 * STEP;
    }
    for (int k = groups; k < texels; k++) {
      acc += texelFetch(u_lineWeights, ivec2(k, j), 0).x * tap(p);
      p += STEP;
    }
  }
  writeResult(acc, xy);
}
