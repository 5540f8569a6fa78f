// The page the video, element and lifecycle tests drive: the WebGL object
// counter goes in first, then the library and the test helpers on window.
import { installGlCounter, liveCounts } from './glCounter.js';

installGlCounter();

// Every camera track the page opens, so tests can check that each one ended.
const cameraTracks: MediaStreamTrack[] = [];
const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
navigator.mediaDevices.getUserMedia = async (constraints) => {
  const stream = await getUserMedia(constraints);
  cameraTracks.push(...stream.getTracks());
  return stream;
};

const [kernelgl, internals, parity, frames] = await Promise.all([
  import('../../src/index.js'),
  import('./internals.js'),
  import('./parity.js'),
  import('./videoFrames.js'),
]);

declare global {
  interface Window {
    liveCounts: typeof liveCounts;
    live: typeof frames;
    cameraTracks: MediaStreamTrack[];
  }
}

window.kernelgl = kernelgl;
window.internals = internals;
window.parity = parity;
window.liveCounts = liveCounts;
window.live = frames;
window.cameraTracks = cameraTracks;
window.harnessReady = true;
