#version 300 es
// Shows a result target as it is, pixel for pixel: the nearest texel by
// texelFetch (no filtering), so a canvas the size of the image shows the
// exact result bytes.
precision highp float;
precision highp int;

uniform highp sampler2D u_result;
uniform float u_toUnit;  // 1 for 8-bit targets (which hold value/255), 1/255 for raw float ones

in vec2 v_uv;
out vec4 fragColor;

void main() {
  ivec2 size = textureSize(u_result, 0);
  ivec2 texel = clamp(ivec2(v_uv * vec2(size)), ivec2(0), size - 1);
  fragColor = clamp(texelFetch(u_result, texel, 0) * u_toUnit, 0.0, 1.0);
}
