/**
 * opencv.js's median, morphology and bilateral filters, beside kernelgl's in
 * the nonlinear table: `medianBlur`; `erode`, or `morphologyEx` for the other
 * operations, with the element `getStructuringElement` builds (a custom mask
 * as a CV_8U Mat); `bilateralFilter`. Each gets the border kernelgl uses by
 * default for its kind, which is OpenCV's default (DESIGN.md section 6), so
 * the whole frame can be compared. Like `OpenCvFilter`, a call copies the
 * pixels in, filters and copies the result out.
 */
import type { MorphOp, NonlinearFilter } from '../../src/index.js';
import { byteMatType, type Mat, type OpenCv } from './opencv.js';

/** `morphologyEx`'s operation codes; erode goes to `cv.erode` itself. */
const MORPH_OPS = {
  dilate: 'MORPH_DILATE',
  open: 'MORPH_OPEN',
  close: 'MORPH_CLOSE',
  gradient: 'MORPH_GRADIENT',
  tophat: 'MORPH_TOPHAT',
  blackhat: 'MORPH_BLACKHAT',
} as const satisfies Record<Exclude<MorphOp, 'erode'>, keyof OpenCv>;
const SHAPES = { rect: 'MORPH_RECT', cross: 'MORPH_CROSS', ellipse: 'MORPH_ELLIPSE' } as const satisfies Record<string, keyof OpenCv>;

export class OpenCvNonlinear {
  private readonly src: Mat;
  private readonly dst: Mat;
  /** The structuring element, for morphology. */
  private readonly element: Mat | null = null;
  private readonly filter: (src: Mat, dst: Mat) => void;

  constructor(
    cv: OpenCv,
    private readonly pixels: Uint8Array | Uint8ClampedArray,
    width: number,
    height: number,
    filter: NonlinearFilter,
  ) {
    this.src = new cv.Mat(height, width, byteMatType(cv, pixels, width, height));
    this.dst = new cv.Mat();
    switch (filter.kind) {
      case 'median':
        this.filter = (src, dst) => cv.medianBlur(src, dst, filter.size);
        break;
      case 'bilateral': {
        const { diameter, sigmaColor, sigmaSpace } = filter;
        this.filter = (src, dst) => cv.bilateralFilter(src, dst, diameter, sigmaColor, sigmaSpace, cv.BORDER_REFLECT_101);
        break;
      }
      case 'morphology': {
        const { op, element, shape, iterations } = filter;
        const anchor = new cv.Point(element.anchorX, element.anchorY);
        const kernel =
          shape === 'custom'
            ? cv.matFromArray(element.rows, element.cols, cv.CV_8U, element.mask)
            : cv.getStructuringElement(cv[SHAPES[shape]], new cv.Size(element.cols, element.rows), anchor);
        this.element = kernel;
        const value = cv.morphologyDefaultBorderValue();
        this.filter =
          op === 'erode'
            ? (src, dst) => cv.erode(src, dst, kernel, anchor, iterations, cv.BORDER_CONSTANT, value)
            : (src, dst) => cv.morphologyEx(src, dst, cv[MORPH_OPS[op]], kernel, anchor, iterations, cv.BORDER_CONSTANT, value);
        break;
      }
    }
  }

  run(): Uint8Array {
    this.src.data.set(this.pixels);
    this.filter(this.src, this.dst);
    return this.dst.data.slice();
  }

  delete(): void {
    this.src.delete();
    this.dst.delete();
    this.element?.delete();
  }
}
