import { GpuFilter } from '../src/index.js';

const gpu = new GpuFilter();
document.body.append(`Renderer: ${gpu.renderer}`);
