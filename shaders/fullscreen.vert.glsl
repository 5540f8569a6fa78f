#version 300 es
// One triangle that covers the viewport; no vertex buffers needed.
// Fragments then address the target with integer gl_FragCoord.xy.
void main() {
  vec2 corner = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
  gl_Position = vec4(corner * 2.0 - 1.0, 0.0, 1.0);
}
