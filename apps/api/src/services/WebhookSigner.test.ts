import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { WebhookSigner } from './WebhookSigner.js';

describe('WebhookSigner', () => {
  it('signs exactly as the Standard Webhooks reference library does', () => {
    const secret = WebhookSigner.generateSecret();
    const at = new Date('2026-03-01T12:00:00.987Z');
    const body = JSON.stringify({ type: 'integration.status_changed', data: { ü: 'ß' } });
    const signer = new WebhookSigner(secret);
    const headers = signer.headers('msg_1', body, at);
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(at.getTime() / 1000)));
    expect(headers['webhook-signature']).toBe(new Webhook(secret).sign('msg_1', at, body));
  });

  it('matches the spec example vector', () => {
    // From the Standard Webhooks specification.
    const signer = new WebhookSigner('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    const body = '{"test": 2432232314}';
    expect(signer.signature('msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('refuses malformed secrets and ids with clear errors', () => {
    expect(() => new WebhookSigner('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toThrow(/starting with "whsec_"/);
    expect(() => new WebhookSigner('whsec_not base64!')).toThrow(/followed by base64/);
    expect(() => new WebhookSigner('whsec_AAAA')).toThrow(/at least 16 bytes/);
    expect(() => new WebhookSigner(WebhookSigner.generateSecret()).signature('a.b', 1, '')).toThrow(/without dots/);
  });
});
