#version 300 es
// A pipeline combiner, per sample of float32 step results (RGBA, or packed
// gray): gradient magnitude sqrt(a^2 + b^2), |a|, or wa * a + wb * b.
precision highp float;
precision highp int;

#include "output.glsl"

uniform highp sampler2D u_a;
uniform highp sampler2D u_b;
uniform int u_op;  // OP_*, defined from src/gpu/codes.ts
uniform float u_wa;
uniform float u_wb;

void main() {
  ivec2 xy = ivec2(gl_FragCoord.xy);
  vec4 a = texelFetch(u_a, xy, 0);
  vec4 b = texelFetch(u_b, xy, 0);
  vec4 v = u_op == OP_MAGNITUDE ? sqrt(a * a + b * b) : u_op == OP_ABS ? abs(a) : a * u_wa + b * u_wb;
  writeResult(v, xy);
}
