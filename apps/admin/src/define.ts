import { AdminApp } from './views/AdminApp.js';
import { IntegrationsView } from './views/IntegrationsView.js';
import { SignInView } from './views/SignInView.js';

/** Registers every element of the console (the classes themselves have no side effects). */
const ELEMENTS = {
  'admin-app': AdminApp,
  'sign-in-view': SignInView,
  'integrations-view': IntegrationsView,
} as const;

for (const [name, element] of Object.entries(ELEMENTS)) {
  if (!customElements.get(name)) customElements.define(name, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-app': AdminApp;
    'sign-in-view': SignInView;
    'integrations-view': IntegrationsView;
  }
}
