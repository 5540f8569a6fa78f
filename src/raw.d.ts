/** Shader files are imported as text (Vite's `?raw`). */
declare module '*?raw' {
  const source: string;
  export default source;
}

/** The filter worker's whole bundled source (see vite.inlineWorker.ts). */
declare module 'virtual:kernelgl/filter-worker' {
  const source: string;
  export default source;
}
