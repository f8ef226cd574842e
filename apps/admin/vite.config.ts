import { defineConfig } from 'vite';

/**
 * The console is a plain single-page app: `dist/index.html` plus hashed assets, served by the API at
 * `/admin/` under a strict CSP (no inline script or style: Lit styles go through adoptedStyleSheets).
 */
export default defineConfig({
  base: '/admin/',
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
