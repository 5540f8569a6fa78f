// The source image (src/gpu/source.ts): RGBA8UI, read with texelFetch as
// exact integers, never as normalized floats. Passes over the image sum its
// samples; RGB results take their alpha from it.
uniform highp usampler2D u_image;
// The image's width and height in pixels, which every result of a run
// shares (a packed gray texel holds four of its pixels).
uniform ivec2 u_imageSize;
