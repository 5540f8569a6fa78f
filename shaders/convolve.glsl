// The weighted sum of one pass, rows outer, columns inner, as the CPU
// reference sums (src/cpu/execute.ts). The including program defines
// fetchInput() for its kind of input. Built twice: plain for the interior,
// where every tap lies inside the image, and with MAP_BORDERS for the edge
// strips, where coordinates are mapped by the border mode.
//
// The window is walked as lines of taps: its rows, or its one column when it
// is a single column, so that a vertical 1D pass runs one loop rather than a
// loop per row. Weights come four to an RGBA32F texel, one fetch for four
// taps; the last (taps mod 4) of a line sit one to a texel, in .x.
#include "border.glsl"
#include "image.glsl"
#include "output.glsl"

uniform highp sampler2D u_lineWeights;  // RGBA32F, a row of texels per line (src/gpu/lineWeights.ts)
uniform int u_lines;
uniform int u_taps;                     // taps per line
uniform ivec2 u_step;                   // from one tap of a line to the next
uniform ivec2 u_anchor;
uniform highp sampler2D u_start;        // the sum starts from this pass result ...
uniform bool u_hasStart;                // ... when set, else from 0
uniform int u_border;                   // edges only: BORDER_*
uniform vec4 u_outside;                 // edges only: the input texel outside the image (border constant)

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
  vec4 acc = u_hasStart ? texelFetch(u_start, xy, 0) : vec4(0.0);
  int groups = u_taps >> 2;
  int texels = groups + (u_taps & 3);
  for (int j = 0; j < u_lines; j++) {
    ivec2 p = xy - u_anchor + ivec2(0, j);
    for (int g = 0; g < groups; g++) {
      vec4 w = texelFetch(u_lineWeights, ivec2(g, j), 0);
      acc += w.x * tap(p);
      acc += w.y * tap(p + u_step);
      acc += w.z * tap(p + 2 * u_step);
      acc += w.w * tap(p + 3 * u_step);
      p += 4 * u_step;
    }
    for (int k = groups; k < texels; k++) {
      acc += texelFetch(u_lineWeights, ivec2(k, j), 0).x * tap(p);
      p += u_step;
    }
  }
  writeResult(acc, xy);
}
