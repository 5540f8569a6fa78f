#version 300 es
// The median of a u_size x u_size window (u_size odd) by bisection over the
// values' order: the median is the least value with more than rank =
// (N - 1) / 2 samples at or below it. Each round counts the samples at or
// below the middle of the range left and keeps the half that holds the
// median, narrowed to the samples nearest the cut (the greatest at or below
// it, the least above), so a window of few distinct values ends early. Bytes
// take at most 8 rounds, float32 keys at most 32 (ordinal.glsl). Each lane
// bisects on its own; the result is one of the window's samples, exactly.
precision highp float;
precision highp int;

#include "window.glsl"
#include "ordinal.glsl"
#include "output.glsl"

uniform int u_size;

void main() {
  ivec2 xy = ivec2(gl_FragCoord.xy);
  int radius = u_size / 2;
  vec4 rank = vec4(float((u_size * u_size - 1) / 2));
  Ordinal lo = LOWEST;
  Ordinal hi = HIGHEST;
  while (any(lessThan(lo, hi))) {
    Ordinal cut = middle(lo, hi);
    vec4 atOrBelow = vec4(0.0);
    Ordinal below = LOWEST;
    Ordinal above = HIGHEST;
    for (int dy = -radius; dy <= radius; dy++) {
      for (int dx = -radius; dx <= radius; dx++) {
        Ordinal k = ordinal(windowAt(xy, ivec2(dx, dy)));
        bvec4 low = lessThanEqual(k, cut);
        atOrBelow += vec4(low);
        below = max(below, pick(LOWEST, k, low));
        above = min(above, pick(k, HIGHEST, low));
      }
    }
    bvec4 inLow = greaterThan(atOrBelow, rank);
    hi = pick(hi, below, inLow);
    lo = pick(above, lo, inLow);
  }
  writeResult(valueOf(lo), xy);
}
