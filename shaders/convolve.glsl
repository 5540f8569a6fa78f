// The weighted sum of one pass, rows outer, columns inner, as the CPU
// reference sums (src/cpu/execute.ts). The including program defines
// fetchInput() for its kind of input.
#include "border.glsl"
#include "output.glsl"

uniform highp sampler2D u_weights;  // R32F, cols x rows, the plan's float32 weights
uniform ivec2 u_size;               // cols, rows
uniform ivec2 u_anchor;
uniform int u_border;
uniform vec4 u_outside;             // the input value outside the image (border constant)
uniform highp sampler2D u_start;    // the sum starts from this pass result ...
uniform bool u_hasStart;            // ... when set, else from 0

void main() {
  ivec2 xy = ivec2(gl_FragCoord.xy);
  ivec2 dims = textureSize(u_image, 0);
  vec4 acc = u_hasStart ? texelFetch(u_start, xy, 0) : vec4(0.0);
  for (int j = 0; j < u_size.y; j++) {
    int sy = borderIndex(xy.y + j - u_anchor.y, dims.y, u_border);
    for (int i = 0; i < u_size.x; i++) {
      int sx = borderIndex(xy.x + i - u_anchor.x, dims.x, u_border);
      vec4 v = (sx == OUTSIDE || sy == OUTSIDE) ? u_outside : fetchInput(ivec2(sx, sy));
      acc += texelFetch(u_weights, ivec2(i, j), 0).r * v;
    }
  }
  writeResult(acc, xy);
}
