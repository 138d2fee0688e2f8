/**
 * An original example of a compliant ID photo, drawn for Vigie: a neutral silhouette, head and top of the
 * shoulders, facing the camera, centred in a 35:45 frame on a plain white background.
 */
export function PhotoExample({ label }: { label: string }) {
  return (
    <svg
      className="photo-example"
      viewBox="0 0 350 450"
      width="175"
      height="225"
      role="img"
      aria-label={label}
      xmlns="http://www.w3.org/2000/svg"
    >
      <defs>
        <linearGradient id="photo-example-skin" x1="0" y1="0" x2="0" y2="1">
          <stop offset="0" stopColor="#b7c0ca" />
          <stop offset="1" stopColor="#a3adb8" />
        </linearGradient>
        <linearGradient id="photo-example-cloth" x1="0" y1="0" x2="0" y2="1">
          <stop offset="0" stopColor="#5d6b7b" />
          <stop offset="1" stopColor="#4a5665" />
        </linearGradient>
      </defs>
      <rect x="0" y="0" width="350" height="450" fill="#ffffff" />
      {/* Proportions of IDENTITY.md §4: eye line at 0.45 of the height, head about 0.73, face 0.64 of the width. */}
      {/* shoulders and top of the chest */}
      <path
        d="M0 450 L0 440 C20 420 70 408 120 402 C138 399 146 392 148 380 L202 380 C204 392 212 399 230 402 C280 408 330 420 350 440 L350 450 Z"
        fill="url(#photo-example-cloth)"
      />
      {/* neck */}
      <path d="M140 330 L140 388 C156 404 194 404 210 388 L210 330 Z" fill="#a9b3be" />
      {/* ears */}
      <ellipse cx="64" cy="212" rx="15" ry="30" fill="#aeb8c3" />
      <ellipse cx="286" cy="212" rx="15" ry="30" fill="#aeb8c3" />
      {/* head: crown at 40, chin at 370 */}
      <ellipse cx="175" cy="205" rx="112" ry="165" fill="url(#photo-example-skin)" />
      {/* hair, kept off the face */}
      <path
        d="M64 190 C52 92 104 40 175 40 C246 40 298 92 286 190 C276 130 240 104 175 100 C110 104 74 130 64 190 Z"
        fill="#6b7683"
      />
      {/* open eyes, neutral expression: features visible */}
      <path d="M124 178 Q140 170 156 178 M194 178 Q210 170 226 178" stroke="#6b7683" strokeWidth="4" fill="none" />
      <ellipse cx="140" cy="200" rx="13" ry="7" fill="#ffffff" />
      <ellipse cx="210" cy="200" rx="13" ry="7" fill="#ffffff" />
      <circle cx="140" cy="200" r="5" fill="#3b4450" />
      <circle cx="210" cy="200" r="5" fill="#3b4450" />
      <path d="M175 214 L167 262 Q175 269 183 262" stroke="#8e99a5" strokeWidth="3" fill="none" />
      <path d="M150 304 Q175 310 200 304" stroke="#7d8894" strokeWidth="4" fill="none" strokeLinecap="round" />
      <rect x="1" y="1" width="348" height="448" fill="none" stroke="#c9d1da" strokeWidth="2" />
    </svg>
  );
}
