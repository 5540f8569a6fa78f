// Element x of row sy of packed gray data (u_input: pixels 4X..4X+3 in texel
// X), with x mapped by the border mode; the constant outside the image. For
// the edge programs (MAP_BORDERS): the includer declares u_input, u_border
// and u_outside, and maps sy itself (a row is mapped once for its taps).
float element(int x, int sy) {
  int sx = borderIndex(x, u_imageSize.x, u_border);
  if (sx == OUTSIDE || sy == OUTSIDE) return u_outside.x;
  vec4 t = texelFetch(u_input, ivec2(sx >> 2, sy), 0);
  int k = sx & 3;
  return k == 0 ? t.x : k == 1 ? t.y : k == 2 ? t.z : t.w;
}
