/** Shader files are imported as text (Vite's `?raw`). */
declare module '*?raw' {
  const source: string;
  export default source;
}
