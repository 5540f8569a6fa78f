#version 300 es
// A pass over the source image, RGBA8UI read as exact integers.
precision highp float;
precision highp int;

#include "image.glsl"

vec4 fetchInput(ivec2 p);

#include "convolve.glsl"

vec4 fetchInput(ivec2 p) {
  return vec4(texelFetch(u_image, p, 0));
}
