#version 300 es
// Gray input, packed: texel (X, y) holds the OpenCV 4 luma (src/image.ts) of pixels 4X..4X+3
// of row y, so gray passes read and compute four pixels at a time.
precision highp float;
precision highp int;

#include "image.glsl"

out vec4 fragColor;

float luma(ivec2 p) {
  if (p.x >= u_imageSize.x) return 0.0;
  uvec4 t = texelFetch(u_image, p, 0);
  return float((t.r * 9798u + t.g * 19235u + t.b * 3735u + 16384u) >> 15u);
}

void main() {
  ivec2 xy = ivec2(gl_FragCoord.xy);
  int x = xy.x * 4;
  fragColor = vec4(luma(ivec2(x, xy.y)), luma(ivec2(x + 1, xy.y)), luma(ivec2(x + 2, xy.y)), luma(ivec2(x + 3, xy.y)));
}
