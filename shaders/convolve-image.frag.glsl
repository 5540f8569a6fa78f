#version 300 es
// A pass over the source image: RGBA8UI read as exact integers, or its
// OpenCV luma for channels 'gray'.
precision highp float;
precision highp int;

vec4 fetchInput(ivec2 p);

#include "convolve.glsl"

vec4 fetchInput(ivec2 p) {
  uvec4 t = texelFetch(u_image, p, 0);
  if (u_channels == CHANNELS_GRAY) return vec4(float((t.r * 4899u + t.g * 9617u + t.b * 1868u + 8192u) >> 14u));
  return vec4(t);
}
