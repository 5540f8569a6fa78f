import { expect, test } from 'vitest';
import { isSoftwareRenderer } from '../../src/gpu/softwareRenderer.js';

test.each([
  ['ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)', true],
  ['Google SwiftShader', true],
  ['llvmpipe (LLVM 15.0.6, 256 bits)', true],
  ['ANGLE (Mesa, llvmpipe (LLVM 17.0.6 256 bits), OpenGL 4.5)', true],
  ['ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)', true],
  ['ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 Direct3D11 vs_5_0 ps_5_0, D3D11)', false],
  ['ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)', false],
  ['ANGLE (Apple, ANGLE Metal Renderer: Apple M1, Unspecified Version)', false],
  ['WebKit WebGL', false],
  ['Radeon Software (Hardware)', false],
])('%s: software %s', (renderer, software) => {
  expect(isSoftwareRenderer(renderer)).toBe(software);
});
