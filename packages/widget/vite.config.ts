import { defineConfig } from 'vite';
import { minifyLitTemplatesPlugin } from './src/build-tools/minify-lit-templates.js';

/**
 * The embeddable bundle: ONE minified ES module, `dist/relink-banner.js`, with Lit and the
 * graphql-ws client inside, registering `<relink-banner>` when loaded.
 */
export default defineConfig({
  plugins: [minifyLitTemplatesPlugin()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    lib: {
      entry: 'src/define.ts',
      formats: ['es'],
      fileName: () => 'relink-banner.js',
    },
    rolldownOptions: {
      output: { minify: true, codeSplitting: false },
    },
  },
});
