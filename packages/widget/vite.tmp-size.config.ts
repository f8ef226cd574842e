import { defineConfig } from 'vite';
import { minifyLitTemplatesPlugin } from './src/build-tools/minify-lit-templates.js';
const ext = (process.env.EXT ?? '').split(',').filter(Boolean);
export default defineConfig({
  root: '/work/main/packages/widget',
  plugins: [minifyLitTemplatesPlugin()],
  build: { target: 'es2022', outDir: '/tmp/wout', emptyOutDir: true, lib: { entry: '/work/main/packages/widget/src/define.ts', formats: ['es'], fileName: () => 'x.js' },
    rolldownOptions: { external: (id) => ext.some((e) => id === e || id.startsWith(e + '/')), output: { minify: true, codeSplitting: false } } },
});
