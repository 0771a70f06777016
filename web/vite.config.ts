// Build and dev server for the admin shell; the Fastify server serves web/dist in production.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    // Same-origin cookies in development: the browser only ever talks to Vite.
    proxy: { '/api': 'http://localhost:3000' },
  },
});
