// The demo host page's own script (served as /demo/demo.js; the page's CSP allows no inline script).
// Invalidate buttons call the sandbox's control endpoint, "Recheck now" asks Relink to check the
// demo tenant's integrations, and every widget event is logged. An expired widget session is
// replaced with a fresh one from /demo/session, as a host app's backend would do.

const banner = document.getElementById('banner');
const status = document.getElementById('status');
const events = document.getElementById('events');

function say(text) {
  status.textContent = text;
}

async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(json.error ?? `HTTP ${response.status}`);
  return json;
}

document.addEventListener('click', async (event) => {
  const button = event.target instanceof Element ? event.target.closest('button') : null;
  if (!button) return;
  if (button.classList.contains('invalidate')) {
    const { userId, cause } = button.dataset;
    button.disabled = true;
    try {
      await post(`/sandbox/control/users/${encodeURIComponent(userId)}/invalidate`, { cause });
      say(`Sandbox: ${cause} for ${userId}.`);
    } catch (error) {
      say(`Sandbox refused ${cause}: ${error.message}`);
    } finally {
      button.disabled = false;
    }
  } else if (button.id === 'recheck') {
    button.disabled = true;
    say('Rechecking…');
    try {
      const result = await post('/demo/recheck');
      say(`Rechecked ${result.checked} integration(s)${result.failed?.length ? `; ${result.failed.join(' ')}` : ''}.`);
    } catch (error) {
      say(`Recheck failed: ${error.message}`);
    } finally {
      button.disabled = false;
    }
  }
});

for (const type of ['relink-refresh-start', 'relink-refreshed', 'relink-dismiss', 'relink-error']) {
  banner.addEventListener(type, async (event) => {
    const item = document.createElement('li');
    item.textContent = `${new Date().toLocaleTimeString()} ${type} ${JSON.stringify(event.detail)}`;
    events.prepend(item);
    if (type === 'relink-error' && event.detail.code === 'SESSION_EXPIRED') {
      try {
        const session = await post('/demo/session');
        banner.setAttribute('session-token', session.token);
      } catch (error) {
        say(`Could not get a new widget session: ${error.message}`);
      }
    }
  });
}

window.dispatchEvent(new CustomEvent('relink-demo-ready'));
