// The input of a median, morphology or bilateral pass, four lanes at a time:
// windowAt(xy, d) is the input at offset d from output texel xy, as its RGBA
// channels or, PACKED, as the gray values of the texel's four pixels
// 4x .. 4x + 3. IMAGE_INPUT reads the uploaded image (RGBA8UI, exact
// integers), else u_input, a float32 result. Built plain for the interior,
// where every offset a pass takes lies inside the image, and with MAP_BORDERS
// for the edge strips, where coordinates are mapped by the border mode and
// those outside the image read u_outside.
#include "border.glsl"
#include "image.glsl"

#ifdef IMAGE_INPUT
vec4 fetchTexel(ivec2 p) {
  return vec4(texelFetch(u_image, p, 0));
}
#else
uniform highp sampler2D u_input;
vec4 fetchTexel(ivec2 p) {
  return texelFetch(u_input, p, 0);
}
#endif

#ifdef MAP_BORDERS
uniform int u_border;  // BORDER_*
uniform vec4 u_outside;  // the input outside the image: a colour texel, or the gray value in every lane
#endif

#ifdef PACKED
#ifdef MAP_BORDERS
// Packed data is gray, always a float32 result in u_input.
#include "packed-element.glsl"

vec4 windowAt(ivec2 xy, ivec2 d) {
  int sy = borderIndex(xy.y + d.y, u_imageSize.y, u_border);
  int x = xy.x * 4 + d.x;
  return vec4(element(x, sy), element(x + 1, sy), element(x + 2, sy), element(x + 3, sy));
}
#else
// Lane 0 reads element e; the four lanes span one texel or straddle two.
vec4 windowAt(ivec2 xy, ivec2 d) {
  int e = xy.x * 4 + d.x;
  ivec2 p = ivec2(e >> 2, xy.y + d.y);
  vec4 a = fetchTexel(p);
  int s = e & 3;
  if (s == 0) return a;
  vec4 b = fetchTexel(p + ivec2(1, 0));
  return s == 1 ? vec4(a.yzw, b.x) : s == 2 ? vec4(a.zw, b.xy) : vec4(a.w, b.xyz);
}
#endif
#else
vec4 windowAt(ivec2 xy, ivec2 d) {
  ivec2 p = xy + d;
#ifdef MAP_BORDERS
  p = ivec2(borderIndex(p.x, u_imageSize.x, u_border), borderIndex(p.y, u_imageSize.y, u_border));
  if (p.x == OUTSIDE || p.y == OUTSIDE) return u_outside;
#endif
  return fetchTexel(p);
}
#endif
