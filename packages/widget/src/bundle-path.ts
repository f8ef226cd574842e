/**
 * Where the built one-file bundle lives, for the API to serve at `/widget/relink-banner.js`.
 * Resolves from `src/` (workspace source) and from `dist/` alike. The path is joined at run time
 * so browser bundlers do not treat it as an asset import.
 */
export const widgetBundleUrl: URL = new URL(['..', 'dist', 'relink-banner.js'].join('/'), import.meta.url);

function fileUrlToPath(url: URL): string {
  if (url.protocol !== 'file:') return url.href;
  const path = decodeURIComponent(url.pathname);
  return /^\/[A-Za-z]:\//.test(path) ? path.slice(1) : path;
}

/** Absolute file path of `dist/relink-banner.js` (build the package first: `pnpm --filter @relink/widget build`). */
export const widgetBundleFile: string = fileUrlToPath(widgetBundleUrl);
