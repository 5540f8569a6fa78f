#version 300 es
// One erode (the minimum) or DILATE (the maximum) pass of a morphology plan
// over the 1-cells of a structuring element placed with u_anchor on each
// pixel (src/cpu/nonlinear.ts). LINE: a full row or column of u_length cells
// along u_step; else the mask, walked as runs of ones, rows outer (u_runs).
// Extremes are taken in value order, -0 below +0 (ordinal.glsl), so every
// way of computing one, in any order or grouping, gives the same bits.
precision highp float;
precision highp int;

#include "window.glsl"
#include "ordinal.glsl"
#include "output.glsl"

uniform ivec2 u_anchor;

#ifdef DILATE
const Ordinal NEUTRAL = LOWEST;

Ordinal extreme(Ordinal a, Ordinal b) {
  return max(a, b);
}
#else
const Ordinal NEUTRAL = HIGHEST;

Ordinal extreme(Ordinal a, Ordinal b) {
  return min(a, b);
}
#endif

#ifdef LINE
uniform int u_length;
uniform ivec2 u_step;  // from one cell of the line to the next

void main() {
  ivec2 xy = ivec2(gl_FragCoord.xy);
  Ordinal acc = NEUTRAL;
  for (int t = 0; t < u_length; t++) acc = extreme(acc, ordinal(windowAt(xy, u_step * t - u_anchor)));
  writeResult(valueOf(acc), xy);
}
#else
uniform highp sampler2D u_runs;  // RG32F, a row per mask row: its runs of ones as (first column, length); length 0 pads
uniform ivec2 u_runsShape;  // runs per row (the most any row has), rows

void main() {
  ivec2 xy = ivec2(gl_FragCoord.xy);
  Ordinal acc = NEUTRAL;
  for (int j = 0; j < u_runsShape.y; j++) {
    for (int r = 0; r < u_runsShape.x; r++) {
      ivec2 run = ivec2(texelFetch(u_runs, ivec2(r, j), 0).xy);
      for (int i = 0; i < run.y; i++) acc = extreme(acc, ordinal(windowAt(xy, ivec2(run.x + i, j) - u_anchor)));
    }
  }
  writeResult(valueOf(acc), xy);
}
#endif
