/**
 * GPU time per frame. With EXT_disjoint_timer_query_webgl2 the GPU measures
 * itself (a few reused queries, read frames later). Without it, a fence after
 * the frame's commands is polled from the CPU once per task turn: the time
 * from the first command to the signal is an upper bound of the GPU time.
 * One measurement is in flight at a time; frames in between go unmeasured.
 */
import type { GpuTiming } from './frameStats.js';

export interface GpuTimer {
  readonly kind: Exclude<GpuTiming, 'none'>;
  /** Call before a frame's first command. */
  begin(): void;
  /** Call after its last command. */
  end(): void;
  /** Frees the queries or the pending fence. Idempotent. */
  dispose(): void;
}

/** Stops polling a fence that never signals (a lost context, say). */
const FENCE_GIVE_UP_MS = 2000;
const QUERIES = 4;

/** The best timer `gl` offers; `report` receives each frame's GPU time in ms. */
export function createGpuTimer(gl: WebGL2RenderingContext, report: (ms: number) => void): GpuTimer {
  const ext = gl.getExtension('EXT_disjoint_timer_query_webgl2') as TimerQueryExtension | null;
  return ext ? new QueryTimer(gl, ext, report) : new FenceTimer(gl, report);
}

interface TimerQueryExtension {
  readonly TIME_ELAPSED_EXT: GLenum;
  readonly GPU_DISJOINT_EXT: GLenum;
}

class QueryTimer implements GpuTimer {
  readonly kind = 'timer-query';
  private readonly idle: WebGLQuery[] = [];
  private readonly pending: WebGLQuery[] = [];
  private made = 0;
  private active: WebGLQuery | null = null;

  constructor(
    private readonly gl: WebGL2RenderingContext,
    private readonly ext: TimerQueryExtension,
    private readonly report: (ms: number) => void,
  ) {}

  begin(): void {
    this.collect();
    const query = this.idle.pop() ?? (this.made < QUERIES ? this.make() : null);
    if (!query) return;
    this.gl.beginQuery(this.ext.TIME_ELAPSED_EXT, query);
    this.active = query;
  }

  end(): void {
    if (!this.active) return;
    this.gl.endQuery(this.ext.TIME_ELAPSED_EXT);
    this.pending.push(this.active);
    this.active = null;
  }

  dispose(): void {
    if (this.active) this.gl.endQuery(this.ext.TIME_ELAPSED_EXT);
    [...this.idle, ...this.pending, ...(this.active ? [this.active] : [])].forEach((q) => this.gl.deleteQuery(q));
    this.idle.length = 0;
    this.pending.length = 0;
    this.active = null;
  }

  private make(): WebGLQuery {
    this.made++;
    return this.gl.createQuery();
  }

  /** Reads finished queries in order; a disjoint event voids them all. */
  private collect(): void {
    const { gl } = this;
    const disjoint = gl.getParameter(this.ext.GPU_DISJOINT_EXT) as boolean;
    while (this.pending.length > 0) {
      const query = this.pending[0]!;
      if (!disjoint && !(gl.getQueryParameter(query, gl.QUERY_RESULT_AVAILABLE) as boolean)) return;
      this.pending.shift();
      if (!disjoint) this.report((gl.getQueryParameter(query, gl.QUERY_RESULT) as number) / 1e6);
      this.idle.push(query);
    }
  }
}

class FenceTimer implements GpuTimer {
  readonly kind = 'fence';
  private start = 0;
  private sync: WebGLSync | null = null;
  private measuring = false;
  private channel: MessageChannel | null = null;

  constructor(
    private readonly gl: WebGL2RenderingContext,
    private readonly report: (ms: number) => void,
  ) {}

  begin(): void {
    if (this.sync || this.measuring) return;
    this.measuring = true;
    this.start = performance.now();
  }

  end(): void {
    if (!this.measuring || this.sync) return;
    const { gl } = this;
    this.sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    gl.flush();
    this.poller().postMessage(null);
  }

  dispose(): void {
    this.finish();
    this.channel?.port1.close();
    this.channel?.port2.close();
    this.channel = null;
  }

  /**
   * A fence's status changes only between tasks, so it is polled once per
   * task turn; a message channel turns without the clamping of setTimeout.
   */
  private poller(): MessagePort {
    if (!this.channel) {
      this.channel = new MessageChannel();
      this.channel.port1.onmessage = () => this.poll();
    }
    return this.channel.port2;
  }

  private poll(): void {
    const { gl, sync } = this;
    if (!sync) return;
    const now = performance.now();
    if (gl.getSyncParameter(sync, gl.SYNC_STATUS) === gl.SIGNALED) {
      this.report(now - this.start);
      this.finish();
    } else if (now - this.start > FENCE_GIVE_UP_MS || gl.isContextLost()) {
      this.finish();
    } else {
      this.channel?.port2.postMessage(null);
    }
  }

  private finish(): void {
    if (this.sync) this.gl.deleteSync(this.sync);
    this.sync = null;
    this.measuring = false;
  }
}
