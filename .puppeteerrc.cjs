/**
 * Puppeteer's own browser download is not needed: kernelgl finds an installed
 * Chromium/Chrome itself (see scripts/ensure-browser.mjs), and the download
 * fails on machines without general internet access.
 */
module.exports = { skipDownload: true };
