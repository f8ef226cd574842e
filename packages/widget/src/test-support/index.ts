export { CHROMIUM_ARGS, chromiumExecutablePath, launchChromium } from './chromium.js';
export { startTestServer, type TestRoute, type TestServer } from './test-server.js';
export {
  startContractFakeApi,
  type ContractFakeApi,
  type ContractFakeApiOptions,
  type FakeConsent,
  type FakeRequest,
} from './contract-fake-api.js';
export { CONTRACT_SDL } from './contract-schema.js';
export { FAKE_CAUSES, fakeBrokenIntegration, fakeIntegration, type FakeCause, type FakeIntegration } from './integration-fixtures.js';
export { buildWidgetBundle } from './widget-bundle.js';
