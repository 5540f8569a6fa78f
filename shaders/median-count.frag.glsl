#version 300 es
// The median of a u_size x u_size window (u_size odd) by search over the
// values' order: the median is the least value with more than rank =
// (N - 1) / 2 samples at or below it. Each round cuts the range left into
// WAYS buckets, counts the samples at or below each cut, and keeps the
// bucket that holds the median; bytes take 2 rounds, float32 keys 8
// (ordinal.glsl). A round reads every sample once, and reads cost far more
// than compares, so many cuts a round beat halving. Each lane searches on its
// own; the result is one of the window's samples, exactly.
precision highp float;
precision highp int;

#include "window.glsl"
#include "ordinal.glsl"
#include "output.glsl"

uniform int u_size;

// 16 buckets: 15 cuts, each with its count, in registers (an array indexed in
// a loop would live in memory on software renderers).
const int WAYS = 16;

// Cut i of the range: the top of bucket i - 1.
#define CUT(i) (lo + min(step * steps(vec4(float(i))) - one, span))
#define COUNT(n, cut) n += vec4(lessThanEqual(k, cut));
// Whether the cut lies below the median: at most rank samples at or below it.
#define BELOW(n) vec4(lessThanEqual(n, rank))

void main() {
  ivec2 xy = ivec2(gl_FragCoord.xy);
  int radius = u_size / 2;
  vec4 rank = vec4(float((u_size * u_size - 1) / 2));
  Ordinal one = steps(vec4(1.0));
  Ordinal lo = LOWEST;
  Ordinal hi = HIGHEST;
  while (any(lessThan(lo, hi))) {
    // Bucket b holds lo + step * b .. lo + step * (b + 1) - 1, the last one up to hi.
    Ordinal span = hi - lo;
    Ordinal step = quotient(span, WAYS) + one;
    Ordinal k1 = CUT(1), k2 = CUT(2), k3 = CUT(3), k4 = CUT(4), k5 = CUT(5), k6 = CUT(6), k7 = CUT(7), k8 = CUT(8);
    Ordinal k9 = CUT(9), k10 = CUT(10), k11 = CUT(11), k12 = CUT(12), k13 = CUT(13), k14 = CUT(14), k15 = CUT(15);
    vec4 n1 = vec4(0.0), n2 = n1, n3 = n1, n4 = n1, n5 = n1, n6 = n1, n7 = n1, n8 = n1;
    vec4 n9 = n1, n10 = n1, n11 = n1, n12 = n1, n13 = n1, n14 = n1, n15 = n1;
    for (int dy = -radius; dy <= radius; dy++) {
      for (int dx = -radius; dx <= radius; dx++) {
        Ordinal k = ordinal(windowAt(xy, ivec2(dx, dy)));
        COUNT(n1, k1) COUNT(n2, k2) COUNT(n3, k3) COUNT(n4, k4) COUNT(n5, k5) COUNT(n6, k6) COUNT(n7, k7) COUNT(n8, k8)
        COUNT(n9, k9) COUNT(n10, k10) COUNT(n11, k11) COUNT(n12, k12) COUNT(n13, k13) COUNT(n14, k14) COUNT(n15, k15)
      }
    }
    vec4 below = BELOW(n1) + BELOW(n2) + BELOW(n3) + BELOW(n4) + BELOW(n5) + BELOW(n6) + BELOW(n7) + BELOW(n8) + BELOW(n9) +
                 BELOW(n10) + BELOW(n11) + BELOW(n12) + BELOW(n13) + BELOW(n14) + BELOW(n15);
    Ordinal first = step * steps(below);
    hi = lo + min(first + step - one, span);
    lo += first;
  }
  writeResult(valueOf(lo), xy);
}
