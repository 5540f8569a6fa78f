#version 300 es
// Shows a result target as it is, pixel for pixel: the nearest texel by
// texelFetch (no filtering), so a canvas the size of the image shows the
// exact result bytes.
precision highp float;
precision highp int;

#include "image.glsl"

uniform highp sampler2D u_result;
uniform float u_toUnit;  // 1 for 8-bit targets (which hold value/255), 1/255 for raw float ones
uniform bool u_packed;   // gray results: texel x holds pixels 4x .. 4x + 3

in vec2 v_uv;
out vec4 fragColor;

void main() {
  ivec2 pixel = clamp(ivec2(v_uv * vec2(u_imageSize)), ivec2(0), u_imageSize - 1);
  if (u_packed) {
    vec4 t = texelFetch(u_result, ivec2(pixel.x >> 2, pixel.y), 0);
    int k = pixel.x & 3;
    float v = clamp((k == 0 ? t.x : k == 1 ? t.y : k == 2 ? t.z : t.w) * u_toUnit, 0.0, 1.0);
    fragColor = vec4(v, v, v, 1.0);
  } else {
    fragColor = clamp(texelFetch(u_result, pixel, 0) * u_toUnit, 0.0, 1.0);
  }
}
