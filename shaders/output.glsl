// The output stage, equal to src/output.ts: sum * unit * scale + delta, then
// saturate (roundEven, clamp), abs + saturate, or the raw float.
const int CHANNELS_RGB = 0;
const int CHANNELS_RGBA = 1;
const int CHANNELS_GRAY = 2;
const int OUTPUT_SATURATE = 0;
const int OUTPUT_ABS = 1;
const int OUTPUT_FLOAT = 2;

uniform highp usampler2D u_image;  // the source image, for the alpha it copies
uniform int u_channels;
uniform bool u_final;              // false: write the raw sum to a float32 intermediate
uniform float u_unit;
uniform float u_scale;
uniform float u_delta;
uniform int u_output;

out vec4 fragColor;

void writeResult(vec4 acc, ivec2 xy) {
  if (!u_final) {
    fragColor = acc;
    return;
  }
  vec4 v = (acc * u_unit) * u_scale + u_delta;
  if (u_output == OUTPUT_ABS) v = abs(v);
  if (u_channels == CHANNELS_GRAY) {
    v = vec4(v.rrr, 255.0);
  } else if (u_channels == CHANNELS_RGB) {
    v.a = float(texelFetch(u_image, xy, 0).a);
  }
  // Integers k / 255 convert back to exactly k in the 8-bit target.
  fragColor = u_output == OUTPUT_FLOAT ? v : clamp(roundEven(v), 0.0, 255.0) / 255.0;
}
