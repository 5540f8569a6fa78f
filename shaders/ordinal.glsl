// Values as ordinals, for selecting by order (medians, minima and maxima):
// ordinal(v) compares as v does, and valueOf gives v back with its bits.
// BYTES: every value the pass sees is an integer 0..255 (the image, its
// luma, an integer border value) and is its own ordinal. Otherwise float32
// values become uint keys in IEEE order, -0 before +0 (the order the CPU
// reference sorts in): a set sign bit flips every bit, a clear one is set.
// Ordinals from LOWEST to HIGHEST are whole numbers; steps(n) is the whole
// number n as an ordinal, quotient(a, d) is a / d rounded down.

#ifdef BYTES
#define Ordinal vec4
const Ordinal LOWEST = vec4(0.0);
const Ordinal HIGHEST = vec4(255.0);

Ordinal ordinal(vec4 v) {
  return v;
}

vec4 valueOf(Ordinal k) {
  return k;
}

Ordinal steps(vec4 n) {
  return n;
}

Ordinal quotient(Ordinal a, int d) {
  return floor(a / float(d));
}
#else
#define Ordinal uvec4
const Ordinal LOWEST = uvec4(0u);
const Ordinal HIGHEST = uvec4(0xffffffffu);

Ordinal ordinal(vec4 v) {
  uvec4 bits = floatBitsToUint(v);
  return bits ^ ((bits >> 31u) * 0x7fffffffu | 0x80000000u);
}

vec4 valueOf(Ordinal k) {
  return uintBitsToFloat(k ^ (((k >> 31u) ^ 1u) * 0x7fffffffu | 0x80000000u));
}

Ordinal steps(vec4 n) {
  return uvec4(n);
}

Ordinal quotient(Ordinal a, int d) {
  return a / uint(d);
}
#endif
