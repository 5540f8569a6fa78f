#version 300 es
// A colour pass whose window is one unit tap at the anchor, over the source
// image: each sum is the sample itself (0 + 1 * k is exactly k), so the pass
// skips the convolve loop and only finishes and converts, like any last pass.
precision highp float;
precision highp int;

#include "image.glsl"
#include "output.glsl"

void main() {
  ivec2 xy = ivec2(gl_FragCoord.xy);
  writeResult(vec4(texelFetch(u_image, xy, 0)), xy);
}
