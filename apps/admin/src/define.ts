import { StackedBarChart } from './charts/StackedBarChart.js';
import { WindowTimeline } from './charts/WindowTimeline.js';
import { AdminApp } from './views/AdminApp.js';
import { AuditLogView } from './views/AuditLogView.js';
import { BlastRadiusView } from './views/BlastRadiusView.js';
import { IntegrationDetailView } from './views/IntegrationDetailView.js';
import { IntegrationsView } from './views/IntegrationsView.js';
import { OverviewView } from './views/OverviewView.js';
import { SignInView } from './views/SignInView.js';

/** Registers every element of the console (the classes themselves have no side effects). */
const ELEMENTS = {
  'admin-app': AdminApp,
  'sign-in-view': SignInView,
  'overview-view': OverviewView,
  'integrations-view': IntegrationsView,
  'integration-detail-view': IntegrationDetailView,
  'blast-radius-view': BlastRadiusView,
  'audit-log-view': AuditLogView,
  'stacked-bar-chart': StackedBarChart,
  'window-timeline': WindowTimeline,
} as const;

for (const [name, element] of Object.entries(ELEMENTS)) {
  if (!customElements.get(name)) customElements.define(name, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-app': AdminApp;
    'sign-in-view': SignInView;
    'overview-view': OverviewView;
    'integrations-view': IntegrationsView;
    'integration-detail-view': IntegrationDetailView;
    'blast-radius-view': BlastRadiusView;
    'audit-log-view': AuditLogView;
    'stacked-bar-chart': StackedBarChart;
    'window-timeline': WindowTimeline;
  }
}
