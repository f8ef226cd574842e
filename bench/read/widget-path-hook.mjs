// Module hook for the benchmark's API process: when @relink/widget's dist has only the bundle (its
// own build is half done), `@relink/widget/bundle-path` resolves to this stand-in of the same module.
// The read benchmark never asks for the bundle; the API only needs the module to load.
const root = new URL('../../', import.meta.url);
const standIn = `export const widgetBundleUrl = new URL(${JSON.stringify(new URL('packages/widget/dist/relink-banner.js', root).href)});
export const widgetBundleFile = decodeURIComponent(widgetBundleUrl.pathname);`;

export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    if (specifier !== '@relink/widget/bundle-path') throw error;
    return { url: `data:text/javascript,${encodeURIComponent(standIn)}`, shortCircuit: true };
  }
}
