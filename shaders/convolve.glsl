// The weighted sum of one pass, rows outer, columns inner, as the CPU
// reference sums (src/cpu/execute.ts). The including program defines
// fetchInput() for its kind of input. Built twice: plain for the interior,
// where every tap lies inside the image, and with MAP_BORDERS for the edge
// strips, where coordinates are mapped by the border mode.
#include "border.glsl"
#include "output.glsl"

uniform highp sampler2D u_weights;  // R32F, cols x rows, the plan's float32 weights
uniform ivec2 u_size;               // cols, rows
uniform ivec2 u_anchor;
uniform ivec2 u_dims;               // the input's width and height
uniform int u_border;
uniform vec4 u_outside;             // the input value outside the image (border constant)
uniform highp sampler2D u_start;    // the sum starts from this pass result ...
uniform bool u_hasStart;            // ... when set, else from 0

#ifdef MAP_BORDERS
int rowIndex(int y) {
  return borderIndex(y, u_dims.y, u_border);
}

vec4 tap(int x, int sy) {
  int sx = borderIndex(x, u_dims.x, u_border);
  return (sx == OUTSIDE || sy == OUTSIDE) ? u_outside : fetchInput(ivec2(sx, sy));
}
#else
int rowIndex(int y) {
  return y;
}

vec4 tap(int x, int y) {
  return fetchInput(ivec2(x, y));
}
#endif

void main() {
  ivec2 xy = ivec2(gl_FragCoord.xy);
  ivec2 origin = xy - u_anchor;
  vec4 acc = u_hasStart ? texelFetch(u_start, xy, 0) : vec4(0.0);
  for (int j = 0; j < u_size.y; j++) {
    int sy = rowIndex(origin.y + j);
    for (int i = 0; i < u_size.x; i++) {
      acc += texelFetch(u_weights, ivec2(i, j), 0).r * tap(origin.x + i, sy);
    }
  }
  writeResult(acc, xy);
}
