import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is a plain web app: served by the app:// scheme in Electron and by the
// loopback HTTP host in a browser. Relative asset paths work under both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react({})],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
});
