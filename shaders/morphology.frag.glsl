#version 300 es
// One erode (the minimum) or DILATE (the maximum) pass of a morphology plan
// over the 1-cells of a structuring element placed with u_anchor on each
// pixel, as src/cpu/nonlinear.ts computes it. LINE: a full row or column of
// u_length cells along u_step, whose extreme is taken in value order, -0
// below +0 (ordinal.glsl), as the reference's van Herk lines take it. Else
// the mask is walked as runs of ones, rows outer (u_runs), and a sample
// replaces the extreme only when strictly beyond it, in the order the
// reference's cell loop keeps (of -0 and +0, the first met stays).
precision highp float;
precision highp int;

#include "window.glsl"
#include "ordinal.glsl"
#include "output.glsl"

uniform ivec2 u_anchor;

#ifdef LINE
uniform int u_length;
uniform ivec2 u_step;  // from one cell of the line to the next

#ifdef DILATE
Ordinal extreme(Ordinal a, Ordinal b) {
  return max(a, b);
}
#else
Ordinal extreme(Ordinal a, Ordinal b) {
  return min(a, b);
}
#endif

void main() {
  ivec2 xy = ivec2(gl_FragCoord.xy);
  Ordinal acc = ordinal(windowAt(xy, -u_anchor));
  for (int t = 1; t < u_length; t++) acc = extreme(acc, ordinal(windowAt(xy, u_step * t - u_anchor)));
  writeResult(valueOf(acc), xy);
}
#else
uniform highp sampler2D u_runs;  // RG32F, a row per mask row: its runs of ones as (first column, length); length 0 pads
uniform ivec2 u_runsShape;  // runs per row (the most any row has), rows

void main() {
  ivec2 xy = ivec2(gl_FragCoord.xy);
  // Nothing is beyond infinity: the first sample always replaces it.
#ifdef DILATE
  vec4 acc = vec4(-uintBitsToFloat(0x7f800000u));
#else
  vec4 acc = vec4(uintBitsToFloat(0x7f800000u));
#endif
  for (int j = 0; j < u_runsShape.y; j++) {
    for (int r = 0; r < u_runsShape.x; r++) {
      ivec2 run = ivec2(texelFetch(u_runs, ivec2(r, j), 0).xy);
      for (int i = 0; i < run.y; i++) {
        vec4 v = windowAt(xy, ivec2(run.x + i, j) - u_anchor);
#ifdef DILATE
        acc = mix(acc, v, greaterThan(v, acc));
#else
        acc = mix(acc, v, lessThan(v, acc));
#endif
      }
    }
  }
  writeResult(acc, xy);
}
#endif
