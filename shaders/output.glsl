// The end of a step, equal to src/cpu/execute.ts and src/output.ts. The last
// pass of a filter finishes its sum (sum * unit * scale + delta); the last
// step of all converts to the output format: saturate (roundEven, clamp),
// abs + saturate, or the raw float. CHANNELS_* and OUTPUT_* are defined from
// src/gpu/codes.ts.
#include "image.glsl"

uniform int u_channels;
uniform bool u_finish;             // apply unit, scale and delta
uniform bool u_final;              // convert to the output format; else write raw float32
uniform float u_unit;
uniform float u_scale;
uniform float u_delta;
uniform int u_output;

out vec4 fragColor;

void writeResult(vec4 sum, ivec2 xy) {
  vec4 v = u_finish ? (sum * u_unit) * u_scale + u_delta : sum;
  if (!u_final) {
    fragColor = v;
    return;
  }
  if (u_output == OUTPUT_ABS) v = abs(v);
  // Gray results stay packed, four pixels per texel, and are spread out where
  // they are read or shown; RGB results take the source's alpha.
  if (u_channels == CHANNELS_RGB) v.a = float(texelFetch(u_image, xy, 0).a);
  // Integers k / 255 convert back to exactly k in the 8-bit target.
  fragColor = u_output == OUTPUT_FLOAT ? v : clamp(roundEven(v), 0.0, 255.0) / 255.0;
}
