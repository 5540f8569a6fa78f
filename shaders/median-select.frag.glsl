#version 300 es
// The median of a small SIZE x SIZE window (SIZE odd) by forgetful selection,
// in registers: of the first KEEP = (N + 3) / 2 samples, the least and the
// greatest cannot be the median (KEEP - 1 others lie on their far side), so
// both go and the next sample comes in, until three remain: the median is
// their middle one. Each lane selects its own median; the median of exact
// values is exact, so this equals the CPU reference's histogram and sort.
precision highp float;
precision highp int;

#include "window.glsl"
#include "ordinal.glsl"
#include "output.glsl"

const int N = SIZE * SIZE;
const int RADIUS = SIZE / 2;

Ordinal sampleAt(ivec2 xy, int k) {
  return ordinal(windowAt(xy, ivec2(k % SIZE, k / SIZE) - RADIUS));
}

#if SIZE == 1
void main() {
  ivec2 xy = ivec2(gl_FragCoord.xy);
  writeResult(windowAt(xy, ivec2(0)), xy);
}
#else
const int KEEP = (N + 3) / 2;

void order(inout Ordinal a, inout Ordinal b) {
  Ordinal lo = min(a, b);
  b = max(a, b);
  a = lo;
}

void main() {
  ivec2 xy = ivec2(gl_FragCoord.xy);
  Ordinal v[KEEP];
  for (int k = 0; k < KEEP; k++) v[k] = sampleAt(xy, k);
  // Round r keeps v[r .. KEEP - 1]: its least goes to v[r], its greatest to
  // v[KEEP - 1], where the next sample takes its place.
  for (int r = 0; r <= N - KEEP; r++) {
    for (int i = r + 1; i < KEEP; i++) order(v[r], v[i]);
    for (int i = r + 1; i < KEEP - 1; i++) order(v[i], v[KEEP - 1]);
    if (r < N - KEEP) v[KEEP - 1] = sampleAt(xy, KEEP + r);
  }
  writeResult(valueOf(v[KEEP - 2]), xy);
}
#endif
