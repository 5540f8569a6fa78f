/**
 * TF.js's `depthwiseConv2d` on its WebGL backend, a peer of the benchmark:
 * the kernel applied to each channel on its own, as kernelgl's `filter` does.
 * Each call makes a tensor of the frame's bytes (`browser.fromPixels` for
 * RGBA; for gray, which TF.js has no byte tensors for, the luma widened to
 * float32), filters with `padding: 'same'` (zeros beyond the edges, where
 * kernelgl replicates the edge: the borders differ, the interior does not),
 * reads the float32 result back with `dataSync` and rounds it to bytes.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgl';
import type { Kernel } from '../../src/index.js';

/** TF.js's version and backend; throws unless the backend is webgl (the only one the page registers). */
export async function startTfjs(): Promise<string> {
  if (!(await tf.setBackend('webgl'))) throw new Error(`TF.js ${tf.version_core} could not start its webgl backend`);
  await tf.ready();
  return `${tf.version_core}, backend ${tf.getBackend()} (WebGL ${tf.env().getNumber('WEBGL_VERSION')})`;
}

export class TfDepthwise {
  private readonly filter: tf.Tensor4D;
  private readonly input: () => tf.Tensor3D;

  /** `pixels`: the RGBA frame, or its luma (one byte a pixel). */
  constructor(pixels: ImageData | Uint8Array, width: number, height: number, kernel: Kernel) {
    const channels = pixels instanceof ImageData ? 4 : 1;
    this.input =
      pixels instanceof ImageData
        ? () => tf.cast(tf.browser.fromPixels(pixels, 4), 'float32')
        : () => tf.tensor3d(pixels, [height, width, 1], 'float32');
    // [rows, cols, channels, 1]: the same weights for every channel.
    const weights = new Float32Array(kernel.weights.length * channels);
    kernel.weights.forEach((w, i) => weights.fill(w, i * channels, (i + 1) * channels));
    this.filter = tf.tensor4d(weights, [kernel.rows, kernel.cols, channels, 1]);
  }

  run(): Uint8ClampedArray {
    const output = tf.tidy(() => tf.depthwiseConv2d(this.input(), this.filter, 1, 'same'));
    try {
      // Uint8ClampedArray rounds half to even and clamps, as kernelgl's saturate does.
      return new Uint8ClampedArray(output.dataSync());
    } finally {
      output.dispose();
    }
  }

  dispose(): void {
    this.filter.dispose();
  }
}
