import { defineConfig } from 'vite';

/**
 * The console is a plain single-page app: `dist/index.html` plus hashed assets, served by the API at
 * `/admin/` under a strict CSP (no inline script or style: Lit styles go through adoptedStyleSheets).
 */
export default defineConfig({
  base: '/admin/',
  // `pnpm --filter @relink/admin dev`: the console with hot reload against an API on :4000 (`pnpm start`).
  server: {
    port: 5174,
    proxy: { '/graphql': { target: process.env.RELINK_API_URL ?? 'http://localhost:4000', ws: true, changeOrigin: true } },
  },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
