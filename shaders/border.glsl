// Border index mapping, equal to cv::borderInterpolate and to src/border.ts.
// Only non-negative operands reach % because its sign is undefined in GLSL ES
// for negative ones. BORDER_* and OUTSIDE are defined from src/gpu/codes.ts.

int positiveMod(int p, int n) {
  return p >= 0 ? p % n : (n - 1) - ((-p - 1) % n);
}

int borderIndex(int p, int n, int border) {
  if (uint(p) < uint(n)) return p;
  if (border == BORDER_REPLICATE) return clamp(p, 0, n - 1);
  if (border == BORDER_CONSTANT) return OUTSIDE;
  if (border == BORDER_WRAP) return positiveMod(p, n);
  if (border == BORDER_REFLECT) {
    int m = positiveMod(p, 2 * n);
    return m < n ? m : 2 * n - 1 - m;
  }
  if (n == 1) return 0;
  int m = positiveMod(p, 2 * n - 2);
  return m < n ? m : 2 * n - 2 - m;
}
