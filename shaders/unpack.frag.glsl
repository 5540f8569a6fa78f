#version 300 es
// The last step of a gray plan: packed sums back to one pixel per texel,
// through the output stage.
precision highp float;
precision highp int;

#include "output.glsl"

uniform highp sampler2D u_input;  // packed float32 sums

void main() {
  ivec2 xy = ivec2(gl_FragCoord.xy);
  vec4 t = texelFetch(u_input, ivec2(xy.x >> 2, xy.y), 0);
  int k = xy.x & 3;
  writeResult(vec4(k == 0 ? t.x : k == 1 ? t.y : k == 2 ? t.z : t.w), xy);
}
