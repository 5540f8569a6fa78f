import { GpuFilter } from '../../index.js'; (window as unknown as { gpu: unknown }).gpu = GpuFilter;
