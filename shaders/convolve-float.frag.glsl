#version 300 es
// A pass over a float32 intermediate written by an earlier pass.
precision highp float;
precision highp int;

uniform highp sampler2D u_input;

vec4 fetchInput(ivec2 p);

#include "convolve.glsl"

vec4 fetchInput(ivec2 p) {
  return texelFetch(u_input, p, 0);
}
