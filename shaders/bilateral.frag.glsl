#version 300 es
// OpenCV 4's 8-bit bilateral filter, as src/cpu/nonlinear.ts computes it
// (DESIGN.md section 6): over the disc of offsets within u_radius, rows
// outer, columns inner, each tap weighs space[k] * color[n], n the colour
// distance to the centre, and sums the weight and the weighted samples in
// float32 in that order. Samples are bytes: a float32 input is saturated
// first (roundEven, clamp), as the reference does. CHANNELS 3 or 4: one
// colour weight per pixel from the distance summed over the channels (rgb,
// rgba), and one division, sum * (1 / wsum); PACKED gray: each lane is a
// pixel with its own distance, weight and division, sum / wsum.
precision highp float;
precision highp int;

#include "window.glsl"
#include "output.glsl"

uniform int u_radius;
uniform highp sampler2D u_space;  // R32F, (2r + 1)^2: the space weight of offset (dx, dy) at (dx + r, dy + r)
uniform highp sampler2D u_color;  // R32F, one row: the colour weight of distance n at (n, 0)

vec4 bytesAt(ivec2 xy, ivec2 d) {
#ifdef IMAGE_INPUT
  return windowAt(xy, d);
#else
  return clamp(roundEven(windowAt(xy, d)), 0.0, 255.0);
#endif
}

float colorWeight(float n) {
  return texelFetch(u_color, ivec2(int(n), 0), 0).r;
}

// The largest h with h * h <= m: the disc row's half width.
int halfWidth(int m) {
  int h = int(sqrt(float(m)));
  if (h * h > m) h--;
  if ((h + 1) * (h + 1) <= m) h++;
  return h;
}

void main() {
  ivec2 xy = ivec2(gl_FragCoord.xy);
  int r = u_radius;
  vec4 center = bytesAt(xy, ivec2(0));
  vec4 sum = vec4(0.0);
#ifdef PACKED
  vec4 wsum = vec4(0.0);
#else
  float wsum = 0.0;
#endif
  for (int dy = -r; dy <= r; dy++) {
    int h = halfWidth(r * r - dy * dy);
    for (int dx = -h; dx <= h; dx++) {
      float space = texelFetch(u_space, ivec2(dx + r, dy + r), 0).r;
      vec4 v = bytesAt(xy, ivec2(dx, dy));
      vec4 d = abs(v - center);
#ifdef PACKED
      vec4 w = space * vec4(colorWeight(d.x), colorWeight(d.y), colorWeight(d.z), colorWeight(d.w));
#elif CHANNELS == 4
      float w = space * colorWeight(d.x + d.y + d.z + d.w);
#else
      float w = space * colorWeight(d.x + d.y + d.z);
#endif
      wsum += w;
      sum += v * w;
    }
  }
#ifdef PACKED
  writeResult(sum / wsum, xy);
#else
  writeResult(sum * (1.0 / wsum), xy);
#endif
}
