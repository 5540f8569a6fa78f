#version 300 es
// A pass with horizontal taps over packed gray data: texel X of the output
// holds pixels 4X..4X+3. In the interior the taps are taken four at a time:
// a group of four shares one input texel fetch (the window slides across a
// pair of texels) and one fetch of four weights. The edges, built with
// MAP_BORDERS, map every element through the border mode instead. Either way
// each pixel sums its taps rows outer, columns inner, like the CPU reference.
// As in convolve.glsl, START makes the sum start from an earlier pass's
// result, and small windows are built with their shape as constants (COLS,
// ROWS and the interior's GROUPS) so that the compiler unrolls the loops.
precision highp float;
precision highp int;

#include "border.glsl"
#include "image.glsl"
#include "output.glsl"

uniform highp sampler2D u_input;    // packed float32 data
uniform ivec2 u_anchor;
#ifdef START
uniform highp sampler2D u_start;
#endif

#ifdef COLS
const ivec2 WINDOW = ivec2(COLS, ROWS);
#else
uniform ivec2 u_window;             // the pass's cols, rows
#define WINDOW u_window
#endif

#ifdef MAP_BORDERS
uniform highp sampler2D u_tapWeights;  // R32F, cols x rows, a weight per texel
uniform int u_border;                  // BORDER_*
uniform vec4 u_outside;                // the input texel outside the image: the border constant in each element

#include "packed-element.glsl"

vec4 rowSum(vec4 acc, int x0, int j) {
  int sy = borderIndex(int(gl_FragCoord.y) - u_anchor.y + j, u_imageSize.y, u_border);
  for (int i = 0; i < WINDOW.x; i++) {
    float w = texelFetch(u_tapWeights, ivec2(i, j), 0).r;
    int x = x0 + i;
    acc += w * vec4(element(x, sy), element(x + 1, sy), element(x + 2, sy), element(x + 3, sy));
  }
  return acc;
}
#else
uniform highp sampler2D u_groupWeights;  // RGBA32F, groups x rows: the weights of taps 4g - shift .. 4g - shift + 3
uniform int u_shift;                     // (-anchor.x) mod 4: where the first tap falls in its texel
uniform int u_lastTexel;                 // the input's last texel column
#ifndef COLS
uniform int u_groups;                    // groups of four taps per row
#define GROUPS u_groups
#endif

vec4 rowSum(vec4 acc, int x0, int j) {
  int sy = int(gl_FragCoord.y) - u_anchor.y + j;
  int t = (x0 - u_shift) >> 2;
  vec4 b = texelFetch(u_input, ivec2(t, sy), 0);
  for (int g = 0; g < GROUPS; g++) {
    vec4 a = b;
    // Past the row's end the elements meet zero weights only; stay in bounds.
    b = texelFetch(u_input, ivec2(min(t + g + 1, u_lastTexel), sy), 0);
    vec4 w = texelFetch(u_groupWeights, ivec2(g, j), 0);
    acc += w.x * a;
    acc += w.y * vec4(a.yzw, b.x);
    acc += w.z * vec4(a.zw, b.xy);
    acc += w.w * vec4(a.w, b.xyz);
  }
  return acc;
}
#endif

void main() {
  ivec2 xy = ivec2(gl_FragCoord.xy);
#ifdef START
  vec4 acc = texelFetch(u_start, xy, 0);
#else
  vec4 acc = vec4(0.0);
#endif
  int x0 = xy.x * 4 - u_anchor.x;
  for (int j = 0; j < WINDOW.y; j++) acc = rowSum(acc, x0, j);
  writeResult(acc, xy);
}
