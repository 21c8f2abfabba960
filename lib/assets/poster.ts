/** The video poster placeholder (our own drawing, never user input): a dark frame with a play symbol, in the video's aspect ratio. */
export const THUMB_MAX_SIDE = 480;

export function thumbSize(width: number, height: number): { w: number; h: number } {
  const scale = Math.min(1, THUMB_MAX_SIDE / Math.max(width, height));
  return { w: Math.max(1, Math.round(width * scale)), h: Math.max(1, Math.round(height * scale)) };
}

export function posterSvg(width: number, height: number): string {
  const { w, h } = thumbSize(width || 16, height || 9);
  const r = Math.round(Math.min(w, h) * 0.16);
  const cx = w / 2;
  const cy = h / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#334155"/><stop offset="1" stop-color="#0f172a"/></linearGradient></defs>
<rect width="${w}" height="${h}" fill="url(#g)"/>
<circle cx="${cx}" cy="${cy}" r="${r}" fill="#ffffff" fill-opacity="0.9"/>
<path d="M ${cx - r * 0.35} ${cy - r * 0.5} L ${cx + r * 0.55} ${cy} L ${cx - r * 0.35} ${cy + r * 0.5} Z" fill="#0f172a"/>
</svg>`;
}
