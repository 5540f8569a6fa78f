#version 300 es
// The median of a small SIZE x SIZE window (SIZE 1, 3, 5 or 7) by forgetful
// selection in registers (after M. McGuire, "A fast, small-radius GPU median
// filter", ShaderX6): of the first KEEP = (N + 3) / 2 samples, the least and
// the greatest cannot be the median (KEEP - 1 others lie on their far side),
// so both go and the next sample takes the greatest's register, until three
// remain: the median is their middle one. The exchanges are written out, not
// looped over an array, which software renderers would keep in memory. Each
// lane selects its own median; the median of exact values is exact, so this
// equals the CPU reference's histogram and sort.
precision highp float;
precision highp int;

#include "window.glsl"
#include "ordinal.glsl"
#include "output.glsl"

const int RADIUS = SIZE / 2;

Ordinal sampleAt(ivec2 xy, int k) {
  return ordinal(windowAt(xy, ivec2(k % SIZE, k / SIZE) - RADIUS));
}

// s2 orders a pair; mnN moves the least of N to the first, mxN the greatest
// to the last; mnmxN does both (pairs first, then the pairs' lesser and
// greater halves), keeping every value in one of the N registers.
#define s2(a, b) t = min(a, b); b = max(a, b); a = t;
#define mn3(a, b, c) s2(a, b) s2(a, c)
#define mn4(a, b, c, d) mn3(a, b, c) s2(a, d)
#define mn5(a, b, c, d, e) mn4(a, b, c, d) s2(a, e)
#define mn6(a, b, c, d, e, f) mn5(a, b, c, d, e) s2(a, f)
#define mn7(a, b, c, d, e, f, g) mn6(a, b, c, d, e, f) s2(a, g)
#define mn8(a, b, c, d, e, f, g, h) mn7(a, b, c, d, e, f, g) s2(a, h)
#define mn9(a, b, c, d, e, f, g, h, i) mn8(a, b, c, d, e, f, g, h) s2(a, i)
#define mn10(a, b, c, d, e, f, g, h, i, j) mn9(a, b, c, d, e, f, g, h, i) s2(a, j)
#define mn11(a, b, c, d, e, f, g, h, i, j, k) mn10(a, b, c, d, e, f, g, h, i, j) s2(a, k)
#define mn12(a, b, c, d, e, f, g, h, i, j, k, l) mn11(a, b, c, d, e, f, g, h, i, j, k) s2(a, l)
#define mn13(a, b, c, d, e, f, g, h, i, j, k, l, m) mn12(a, b, c, d, e, f, g, h, i, j, k, l) s2(a, m)
#define mx3(a, b, c) s2(a, c) s2(b, c)
#define mx4(a, b, c, d) s2(a, d) mx3(b, c, d)
#define mx5(a, b, c, d, e) s2(a, e) mx4(b, c, d, e)
#define mx6(a, b, c, d, e, f) s2(a, f) mx5(b, c, d, e, f)
#define mx7(a, b, c, d, e, f, g) s2(a, g) mx6(b, c, d, e, f, g)
#define mx8(a, b, c, d, e, f, g, h) s2(a, h) mx7(b, c, d, e, f, g, h)
#define mx9(a, b, c, d, e, f, g, h, i) s2(a, i) mx8(b, c, d, e, f, g, h, i)
#define mx10(a, b, c, d, e, f, g, h, i, j) s2(a, j) mx9(b, c, d, e, f, g, h, i, j)
#define mx11(a, b, c, d, e, f, g, h, i, j, k) s2(a, k) mx10(b, c, d, e, f, g, h, i, j, k)
#define mx12(a, b, c, d, e, f, g, h, i, j, k, l) s2(a, l) mx11(b, c, d, e, f, g, h, i, j, k, l)
#define mx13(a, b, c, d, e, f, g, h, i, j, k, l, m) s2(a, m) mx12(b, c, d, e, f, g, h, i, j, k, l, m)
#define mnmx3(a, b, c) mx3(a, b, c) s2(a, b)
#define mnmx4(a, b, c, d) s2(a, c) s2(b, d) s2(a, b) s2(c, d)
#define mnmx5(a, b, c, d, e) s2(a, c) s2(b, d) mn3(a, b, e) mx3(c, d, e)
#define mnmx6(a, b, c, d, e, f) s2(a, d) s2(b, e) s2(c, f) mn3(a, b, c) mx3(d, e, f)
#define mnmx7(a, b, c, d, e, f, g) s2(a, d) s2(b, e) s2(c, f) mn4(a, b, c, g) mx4(d, e, f, g)
#define mnmx8(a, b, c, d, e, f, g, h) s2(a, e) s2(b, f) s2(c, g) s2(d, h) mn4(a, b, c, d) mx4(e, f, g, h)
#define mnmx9(a, b, c, d, e, f, g, h, i) s2(a, e) s2(b, f) s2(c, g) s2(d, h) mn5(a, b, c, d, i) mx5(e, f, g, h, i)
#define mnmx10(a, b, c, d, e, f, g, h, i, j) s2(a, f) s2(b, g) s2(c, h) s2(d, i) s2(e, j) mn5(a, b, c, d, e) mx5(f, g, h, i, j)
#define mnmx11(a, b, c, d, e, f, g, h, i, j, k) \
  s2(a, f) s2(b, g) s2(c, h) s2(d, i) s2(e, j) mn6(a, b, c, d, e, k) mx6(f, g, h, i, j, k)
#define mnmx12(a, b, c, d, e, f, g, h, i, j, k, l) \
  s2(a, g) s2(b, h) s2(c, i) s2(d, j) s2(e, k) s2(f, l) mn6(a, b, c, d, e, f) mx6(g, h, i, j, k, l)
#define mnmx13(a, b, c, d, e, f, g, h, i, j, k, l, m) \
  s2(a, g) s2(b, h) s2(c, i) s2(d, j) s2(e, k) s2(f, l) mn7(a, b, c, d, e, f, m) mx7(g, h, i, j, k, l, m)
#define mnmx14(a, b, c, d, e, f, g, h, i, j, k, l, m, n) \
  s2(a, h) s2(b, i) s2(c, j) s2(d, k) s2(e, l) s2(f, m) s2(g, n) mn7(a, b, c, d, e, f, g) mx7(h, i, j, k, l, m, n)
#define mnmx15(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o) \
  s2(a, h) s2(b, i) s2(c, j) s2(d, k) s2(e, l) s2(f, m) s2(g, n) mn8(a, b, c, d, e, f, g, o) mx8(h, i, j, k, l, m, n, o)
#define mnmx16(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p) \
  s2(a, i) s2(b, j) s2(c, k) s2(d, l) s2(e, m) s2(f, n) s2(g, o) s2(h, p) mn8(a, b, c, d, e, f, g, h) mx8(i, j, k, l, m, n, o, p)
#define mnmx17(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q) \
  s2(a, i) s2(b, j) s2(c, k) s2(d, l) s2(e, m) s2(f, n) s2(g, o) s2(h, p) mn9(a, b, c, d, e, f, g, h, q) mx9(i, j, k, l, m, n, o, p, q)
#define mnmx18(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r) \
  s2(a, j) s2(b, k) s2(c, l) s2(d, m) s2(e, n) s2(f, o) s2(g, p) s2(h, q) s2(i, r) mn9(a, b, c, d, e, f, g, h, i) mx9(j, k, l, m, n, o, p, q, r)
#define mnmx19(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s) \
  s2(a, j) s2(b, k) s2(c, l) s2(d, m) s2(e, n) s2(f, o) s2(g, p) s2(h, q) s2(i, r) mn10(a, b, c, d, e, f, g, h, i, s) mx10(j, k, l, m, n, o, p, q, r, s)
#define mnmx20(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t) \
  s2(a, k) s2(b, l) s2(c, m) s2(d, n) s2(e, o) s2(f, p) s2(g, q) s2(h, r) s2(i, s) s2(j, t) mn10(a, b, c, d, e, f, g, h, i, j) mx10(k, l, m, n, o, p, q, r, s, t)
#define mnmx21(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u) \
  s2(a, k) s2(b, l) s2(c, m) s2(d, n) s2(e, o) s2(f, p) s2(g, q) s2(h, r) s2(i, s) s2(j, t) mn11(a, b, c, d, e, f, g, h, i, j, u) mx11(k, l, m, n, o, p, q, r, s, t, u)
#define mnmx22(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v) \
  s2(a, l) s2(b, m) s2(c, n) s2(d, o) s2(e, p) s2(f, q) s2(g, r) s2(h, s) s2(i, t) s2(j, u) s2(k, v) mn11(a, b, c, d, e, f, g, h, i, j, k) mx11(l, m, n, o, p, q, r, s, t, u, v)
#define mnmx23(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w) \
  s2(a, l) s2(b, m) s2(c, n) s2(d, o) s2(e, p) s2(f, q) s2(g, r) s2(h, s) s2(i, t) s2(j, u) s2(k, v) mn12(a, b, c, d, e, f, g, h, i, j, k, w) mx12(l, m, n, o, p, q, r, s, t, u, v, w)
#define mnmx24(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w, x) \
  s2(a, m) s2(b, n) s2(c, o) s2(d, p) s2(e, q) s2(f, r) s2(g, s) s2(h, t) s2(i, u) s2(j, v) s2(k, w) s2(l, x) mn12(a, b, c, d, e, f, g, h, i, j, k, l) mx12(m, n, o, p, q, r, s, t, u, v, w, x)
#define mnmx25(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w, x, y) \
  s2(a, m) s2(b, n) s2(c, o) s2(d, p) s2(e, q) s2(f, r) s2(g, s) s2(h, t) s2(i, u) s2(j, v) s2(k, w) s2(l, x) mn13(a, b, c, d, e, f, g, h, i, j, k, l, y) mx13(m, n, o, p, q, r, s, t, u, v, w, x, y)
#define mnmx26(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w, x, y, z) \
  s2(a, n) s2(b, o) s2(c, p) s2(d, q) s2(e, r) s2(f, s) s2(g, t) s2(h, u) s2(i, v) s2(j, w) s2(k, x) s2(l, y) s2(m, z) mn13(a, b, c, d, e, f, g, h, i, j, k, l, m) mx13(n, o, p, q, r, s, t, u, v, w, x, y, z)

void main() {
  ivec2 xy = ivec2(gl_FragCoord.xy);
#if SIZE == 1
  Ordinal median = sampleAt(xy, 0);
#elif SIZE == 3
  Ordinal t;
  Ordinal v0 = sampleAt(xy, 0), v1 = sampleAt(xy, 1), v2 = sampleAt(xy, 2);
  Ordinal v3 = sampleAt(xy, 3), v4 = sampleAt(xy, 4), v5 = sampleAt(xy, 5);
  mnmx6(v0, v1, v2, v3, v4, v5)
  v5 = sampleAt(xy, 6);
  mnmx5(v1, v2, v3, v4, v5)
  v5 = sampleAt(xy, 7);
  mnmx4(v2, v3, v4, v5)
  v5 = sampleAt(xy, 8);
  mnmx3(v3, v4, v5)
  Ordinal median = v4;
#elif SIZE == 5
  Ordinal t;
  Ordinal v0 = sampleAt(xy, 0), v1 = sampleAt(xy, 1), v2 = sampleAt(xy, 2), v3 = sampleAt(xy, 3), v4 = sampleAt(xy, 4);
  Ordinal v5 = sampleAt(xy, 5), v6 = sampleAt(xy, 6), v7 = sampleAt(xy, 7), v8 = sampleAt(xy, 8), v9 = sampleAt(xy, 9);
  Ordinal v10 = sampleAt(xy, 10), v11 = sampleAt(xy, 11), v12 = sampleAt(xy, 12), v13 = sampleAt(xy, 13);
  mnmx14(v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13)
  v13 = sampleAt(xy, 14);
  mnmx13(v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13)
  v13 = sampleAt(xy, 15);
  mnmx12(v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13)
  v13 = sampleAt(xy, 16);
  mnmx11(v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13)
  v13 = sampleAt(xy, 17);
  mnmx10(v4, v5, v6, v7, v8, v9, v10, v11, v12, v13)
  v13 = sampleAt(xy, 18);
  mnmx9(v5, v6, v7, v8, v9, v10, v11, v12, v13)
  v13 = sampleAt(xy, 19);
  mnmx8(v6, v7, v8, v9, v10, v11, v12, v13)
  v13 = sampleAt(xy, 20);
  mnmx7(v7, v8, v9, v10, v11, v12, v13)
  v13 = sampleAt(xy, 21);
  mnmx6(v8, v9, v10, v11, v12, v13)
  v13 = sampleAt(xy, 22);
  mnmx5(v9, v10, v11, v12, v13)
  v13 = sampleAt(xy, 23);
  mnmx4(v10, v11, v12, v13)
  v13 = sampleAt(xy, 24);
  mnmx3(v11, v12, v13)
  Ordinal median = v12;
#elif SIZE == 7
  Ordinal t;
  Ordinal v0 = sampleAt(xy, 0), v1 = sampleAt(xy, 1), v2 = sampleAt(xy, 2), v3 = sampleAt(xy, 3), v4 = sampleAt(xy, 4);
  Ordinal v5 = sampleAt(xy, 5), v6 = sampleAt(xy, 6), v7 = sampleAt(xy, 7), v8 = sampleAt(xy, 8), v9 = sampleAt(xy, 9);
  Ordinal v10 = sampleAt(xy, 10), v11 = sampleAt(xy, 11), v12 = sampleAt(xy, 12), v13 = sampleAt(xy, 13), v14 = sampleAt(xy, 14);
  Ordinal v15 = sampleAt(xy, 15), v16 = sampleAt(xy, 16), v17 = sampleAt(xy, 17), v18 = sampleAt(xy, 18), v19 = sampleAt(xy, 19);
  Ordinal v20 = sampleAt(xy, 20), v21 = sampleAt(xy, 21), v22 = sampleAt(xy, 22), v23 = sampleAt(xy, 23), v24 = sampleAt(xy, 24);
  Ordinal v25 = sampleAt(xy, 25);
  mnmx26(v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15, v16, v17, v18, v19, v20, v21, v22, v23, v24, v25)
  v25 = sampleAt(xy, 26);
  mnmx25(v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15, v16, v17, v18, v19, v20, v21, v22, v23, v24, v25)
  v25 = sampleAt(xy, 27);
  mnmx24(v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15, v16, v17, v18, v19, v20, v21, v22, v23, v24, v25)
  v25 = sampleAt(xy, 28);
  mnmx23(v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15, v16, v17, v18, v19, v20, v21, v22, v23, v24, v25)
  v25 = sampleAt(xy, 29);
  mnmx22(v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15, v16, v17, v18, v19, v20, v21, v22, v23, v24, v25)
  v25 = sampleAt(xy, 30);
  mnmx21(v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15, v16, v17, v18, v19, v20, v21, v22, v23, v24, v25)
  v25 = sampleAt(xy, 31);
  mnmx20(v6, v7, v8, v9, v10, v11, v12, v13, v14, v15, v16, v17, v18, v19, v20, v21, v22, v23, v24, v25)
  v25 = sampleAt(xy, 32);
  mnmx19(v7, v8, v9, v10, v11, v12, v13, v14, v15, v16, v17, v18, v19, v20, v21, v22, v23, v24, v25)
  v25 = sampleAt(xy, 33);
  mnmx18(v8, v9, v10, v11, v12, v13, v14, v15, v16, v17, v18, v19, v20, v21, v22, v23, v24, v25)
  v25 = sampleAt(xy, 34);
  mnmx17(v9, v10, v11, v12, v13, v14, v15, v16, v17, v18, v19, v20, v21, v22, v23, v24, v25)
  v25 = sampleAt(xy, 35);
  mnmx16(v10, v11, v12, v13, v14, v15, v16, v17, v18, v19, v20, v21, v22, v23, v24, v25)
  v25 = sampleAt(xy, 36);
  mnmx15(v11, v12, v13, v14, v15, v16, v17, v18, v19, v20, v21, v22, v23, v24, v25)
  v25 = sampleAt(xy, 37);
  mnmx14(v12, v13, v14, v15, v16, v17, v18, v19, v20, v21, v22, v23, v24, v25)
  v25 = sampleAt(xy, 38);
  mnmx13(v13, v14, v15, v16, v17, v18, v19, v20, v21, v22, v23, v24, v25)
  v25 = sampleAt(xy, 39);
  mnmx12(v14, v15, v16, v17, v18, v19, v20, v21, v22, v23, v24, v25)
  v25 = sampleAt(xy, 40);
  mnmx11(v15, v16, v17, v18, v19, v20, v21, v22, v23, v24, v25)
  v25 = sampleAt(xy, 41);
  mnmx10(v16, v17, v18, v19, v20, v21, v22, v23, v24, v25)
  v25 = sampleAt(xy, 42);
  mnmx9(v17, v18, v19, v20, v21, v22, v23, v24, v25)
  v25 = sampleAt(xy, 43);
  mnmx8(v18, v19, v20, v21, v22, v23, v24, v25)
  v25 = sampleAt(xy, 44);
  mnmx7(v19, v20, v21, v22, v23, v24, v25)
  v25 = sampleAt(xy, 45);
  mnmx6(v20, v21, v22, v23, v24, v25)
  v25 = sampleAt(xy, 46);
  mnmx5(v21, v22, v23, v24, v25)
  v25 = sampleAt(xy, 47);
  mnmx4(v22, v23, v24, v25)
  v25 = sampleAt(xy, 48);
  mnmx3(v23, v24, v25)
  Ordinal median = v24;
#endif
  writeResult(valueOf(median), xy);
}
