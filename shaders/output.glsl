// The end of a step, equal to src/cpu/execute.ts and src/output.ts, chosen
// when the program is built (src/gpu/variants.ts) so that no pass runs a
// branch it does not need. FINISH: the last pass of a filter finishes its sum
// (sum * unit * scale + delta). FINAL_OUTPUT (an OUTPUT_* code): the last
// step of all converts to the output format: saturate (roundEven, clamp),
// abs + saturate, or the raw float; without it the raw float32 is written.
// SOURCE_ALPHA: RGB results take the source's alpha. OUTPUT_* are defined
// from src/gpu/codes.ts.
#include "image.glsl"

#ifdef FINISH
uniform float u_unit;
uniform float u_scale;
uniform float u_delta;
#endif

out vec4 fragColor;

void writeResult(vec4 sum, ivec2 xy) {
#ifdef FINISH
  vec4 v = (sum * u_unit) * u_scale + u_delta;
#else
  vec4 v = sum;
#endif
#ifdef FINAL_OUTPUT
#if FINAL_OUTPUT == OUTPUT_ABS
  v = abs(v);
#endif
#ifdef SOURCE_ALPHA
  v.a = float(texelFetch(u_image, xy, 0).a);
#endif
#if FINAL_OUTPUT == OUTPUT_FLOAT
  fragColor = v;
#else
  // Gray results stay packed, four pixels per texel, and are spread out where
  // they are read or shown. Integers k / 255 convert back to exactly k in the
  // 8-bit target.
  fragColor = clamp(roundEven(v), 0.0, 255.0) / 255.0;
#endif
#else
  fragColor = v;
#endif
}
