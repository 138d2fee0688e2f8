import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  // The largest chunk is Human's browser build (face detection at the camera, 1.56 MB), loaded only there.
  build: { outDir: '../../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 1600 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
