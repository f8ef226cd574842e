import { defineConfig } from 'vite';
import { mangledPropertiesPattern } from './src/build-tools/mangled-properties.js';
import { minifyLitTemplatesPlugin } from './src/build-tools/minify-lit-templates.js';

/**
 * The embeddable bundle: ONE minified ES module, `dist/relink-banner.js`, with Lit inside,
 * registering `<relink-banner>` when loaded. Budget: 14 KB gzipped (`node scripts/size.mjs --check`).
 */
export default defineConfig({
  plugins: [
    minifyLitTemplatesPlugin(),
    {
      // Rolldown keeps `/* @__PURE__ */` in minified output; they are dead weight once bundled.
      name: 'relink:strip-pure-annotations',
      generateBundle(_options, bundle) {
        for (const file of Object.values(bundle)) if (file.type === 'chunk') file.code = file.code.replaceAll('/* @__PURE__ */ ', '');
      },
    },
  ],
  // Lit's production build whatever NODE_ENV says (under Vitest it is `test`, which would pick Lit's dev build).
  resolve: { conditions: ['module', 'browser', 'production'] },
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
      output: {
        minify: { compress: true, mangle: true, codegen: true, mangleProps: { include: mangledPropertiesPattern() } },
        codeSplitting: false,
      },
    },
  },
});
