import sharp from 'sharp';

/**
 * A drawn ID-style portrait (head and top of shoulders on a plain white background, 35:45, 413 × 531 px as
 * printed at 300 dpi) for the demo and the tests: no real person's face is needed to show or test a card.
 * `tone` varies the drawing so two portraits differ.
 */
export async function drawnPortrait(tone: 'a' | 'b' = 'a'): Promise<Buffer> {
  const skin = tone === 'a' ? '#e2b597' : '#8d5a3c';
  const hair = tone === 'a' ? '#5b3a26' : '#1d1714';
  const shirt = tone === 'a' ? '#2d4a73' : '#6b2d3a';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="413" height="531" viewBox="0 0 413 531">
  <rect width="413" height="531" fill="#fbfbfa"/>
  <path d="M20 531 C 30 450, 110 425, 160 415 L 253 415 C 303 425, 383 450, 393 531 Z" fill="${shirt}"/>
  <path d="M165 412 L 206 470 L 248 412 Z" fill="#f2f2f2"/>
  <rect x="172" y="330" width="69" height="95" rx="24" fill="${skin}"/>
  <path d="M172 395 Q 206 425 241 395 L 241 370 Q 206 400 172 370 Z" fill="#000" opacity="0.08"/>
  <ellipse cx="111" cy="250" rx="15" ry="28" fill="${skin}"/>
  <ellipse cx="301" cy="250" rx="15" ry="28" fill="${skin}"/>
  <ellipse cx="206" cy="240" rx="92" ry="122" fill="${skin}"/>
  <path d="M108 236 C 96 120, 170 78, 214 82 C 282 86, 322 130, 304 236 L 292 246 C 289 186, 280 160, 262 150
           C 226 168, 170 170, 140 150 C 126 170, 120 200, 116 245 Z" fill="${hair}"/>
  <path d="M146 214 Q 168 202 190 212" stroke="${hair}" stroke-width="7" fill="none" stroke-linecap="round"/>
  <path d="M222 212 Q 244 202 266 214" stroke="${hair}" stroke-width="7" fill="none" stroke-linecap="round"/>
  <ellipse cx="169" cy="236" rx="17" ry="9.5" fill="#ffffff"/>
  <ellipse cx="243" cy="236" rx="17" ry="9.5" fill="#ffffff"/>
  <circle cx="169" cy="236" r="7.5" fill="#4a3526"/>
  <circle cx="243" cy="236" r="7.5" fill="#4a3526"/>
  <circle cx="169" cy="236" r="3.2" fill="#0d0d0d"/>
  <circle cx="243" cy="236" r="3.2" fill="#0d0d0d"/>
  <circle cx="171.5" cy="233.5" r="1.6" fill="#ffffff"/>
  <circle cx="245.5" cy="233.5" r="1.6" fill="#ffffff"/>
  <path d="M206 246 L 197 290 Q 206 297 216 290" stroke="#000" stroke-opacity="0.22" stroke-width="3.5" fill="none"
        stroke-linecap="round" stroke-linejoin="round"/>
  <path d="M178 318 Q 206 334 234 318 Q 206 326 178 318 Z" fill="#a45b52" stroke="#8e4a43" stroke-width="3"
        stroke-linejoin="round"/>
</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 92, chromaSubsampling: '4:4:4' }).toBuffer();
}
