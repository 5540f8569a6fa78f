#version 300 es
// The result image as a unit square (a 4-vertex strip made from gl_VertexID,
// no buffers), placed on the canvas by u_transform: fit, mirror and the flip
// from the image's top-first rows to GL's bottom-first (src/gpu/presenter.ts).
uniform mat4 u_transform;

out vec2 v_uv;  // 0..1 across the image; v = 0 is the top row

void main() {
  vec2 corner = vec2(float(gl_VertexID & 1), float((gl_VertexID >> 1) & 1));
  v_uv = corner;
  gl_Position = u_transform * vec4(corner, 0.0, 1.0);
}
