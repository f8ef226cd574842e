import type { CauseCatalogue } from './cause-copy.js';

/** English copy, the reference catalogue: every other locale translates these entries. */
export const en: CauseCatalogue = {
  TOKEN_EXPIRED: {
    title: 'The connection reached its end date',
    explanation:
      'Every connection to an ad platform is only valid for a limited time. For Facebook that is about 60 days; ' +
      'after that the platform stops sharing data until someone confirms the connection again. Nothing is wrong with your account.',
    action: 'Click "Refresh token" and log in with the same account to confirm the connection. It takes less than a minute.',
    prevention:
      'We warn you a week before the end date. Confirm the connection when the "expiring soon" notice appears, and tracking never stops.',
  },
  DATA_ACCESS_EXPIRED: {
    title: 'Facebook paused data access after 90 days',
    explanation:
      'Facebook asks the person who connected the ad account to confirm the data access every 90 days. ' +
      'The connection itself is still there, but Facebook stops sharing ad data until that person confirms again.',
    action: 'Click "Refresh token" and log in with the Facebook account that connected this integration, then approve the request.',
    prevention:
      'We warn you a week before the 90 days are up. Confirming when the "expiring soon" notice appears keeps the data flowing without a gap.',
  },
  PASSWORD_CHANGED: {
    title: 'The login was reset',
    explanation:
      'The password of the account that connected this integration was changed or reset, by that person or by an admin, ' +
      'or the platform signed that account out everywhere for safety. Facebook does this when one login is used by many people ' +
      'from different places (different IP addresses) at once: it looks like a break-in, so every session is ended and the connection stops working.',
    action:
      'Click "Refresh token" and log in with the new password. If you did not expect a password change, check the account\'s security settings first.',
    prevention:
      'Do not share one personal login between colleagues. Give each person their own access to the ad account in Business Manager ' +
      '(or Google Ads), and connect the integration with an account that only one person uses. Agencies: connect each client with its own ' +
      'ad account access rather than one personal account for all clients.',
  },
  PERMISSIONS_CHANGED: {
    title: 'Access to the ad account was reduced',
    explanation:
      'The person who connected this integration no longer has the permissions we need to read ad data. Their role on the ad account, ' +
      'page or business was changed or removed, or they unticked a permission when they last approved the connection.',
    action:
      'Make sure that person still has access to the ad account (at least "analyst" / read access), then click "Refresh token" and approve every permission requested.',
    prevention:
      'Connect the integration with an account whose role on the ad account is not likely to change, ideally a dedicated admin or system user. ' +
      'Before removing someone from an ad account, check whether they connected an integration.',
  },
  APP_DEAUTHORIZED: {
    title: 'The connection was removed in the ad platform',
    explanation:
      'Someone removed our app from the connected account (for example under "Business integrations" on Facebook or ' +
      '"Third-party apps with account access" on Google). From that moment the platform stopped sharing data.',
    action: 'If that was on purpose, you can disconnect the integration here. Otherwise click "Refresh token" and approve the connection again.',
    prevention: 'Let your team know that removing the app from the platform settings stops ad tracking. Ask them to disconnect here instead.',
  },
  SECURITY_CHECKPOINT: {
    title: 'The platform needs the account owner to confirm something',
    explanation:
      'Facebook has put the account that connected this integration on hold until its owner logs in and completes a security check ' +
      '(for example confirming their identity or their contact details). Until then nothing can be read for this account.',
    action:
      'Ask the account owner to log in on facebook.com and follow the instructions shown there. Then click "Refresh token" and approve the connection.',
    prevention:
      'Checks are triggered by unusual logins, such as one account used from many places. Keep the account personal, turn on two-factor ' +
      'authentication, and keep its contact details up to date.',
  },
  SESSION_INVALIDATED: {
    title: 'The session was ended',
    explanation:
      'The account that connected this integration was signed out, by the person themselves ("log out of all devices"), by an admin, ' +
      'or by the platform for security reasons. Signing out ends our connection too.',
    action: 'Click "Refresh token" and log in again with the same account.',
    prevention:
      'Use an account for the connection that is not shared between people, and avoid "log out everywhere" on that account unless it is needed. ' +
      'If your company limits how long Google sessions last, ask your admin to exempt this app or expect to confirm it regularly.',
  },
  ACCOUNT_DISABLED: {
    title: 'The connected account was disabled',
    explanation:
      'The ad platform disabled or suspended the account that connected this integration (or the ad account itself), ' +
      'for example because it looked like someone else had taken it over. No data can be read while it is disabled.',
    action:
      'The account owner should sign in to the platform and follow the steps to restore the account. Once it is active again, click "Refresh token".',
    prevention:
      'Protect the account with two-factor authentication and do not share its login. Follow the platform\'s advertising policies to avoid suspensions.',
  },
  ADMIN_POLICY: {
    title: 'Your company\'s administrator blocked the access',
    explanation:
      'The Google Workspace administrator of the connected account changed a policy so that our app may no longer use the permissions it needs.',
    action: 'Ask your Google Workspace administrator to allow this app (and the Google Ads permission) for your account, then click "Refresh token".',
    prevention: 'Ask your administrator to add the app to the list of trusted apps so later policy changes do not block it.',
  },
  ACCESS_REVOKED: {
    title: 'Access was withdrawn',
    explanation:
      'Google no longer accepts this connection. Usually someone removed the app\'s access in their Google account, ' +
      'or the password was changed. Google does not tell us which one.',
    action: 'Click "Refresh token" and approve the connection again with the same Google account.',
    prevention:
      'Let your team know that removing the app from "Third-party apps with account access" stops ad tracking. ' +
      'Connect with an account that is not shared between people.',
  },
  REFRESH_TOKEN_UNUSED: {
    title: 'The connection expired after a long time unused',
    explanation: 'Google ends connections that have not been used for six months. This integration had not been used for that long.',
    action: 'Click "Refresh token" and approve the connection again.',
    prevention: 'Keep the integration switched on, or disconnect integrations you no longer need so they do not show up here.',
  },
  TESTING_APP_EXPIRY: {
    title: 'The connection expired after 7 days (app in test mode)',
    explanation:
      'The Google app used for this connection is still in "testing" mode, and Google ends every connection made with such an app after 7 days.',
    action: 'Click "Refresh token" to reconnect for another 7 days, and tell your technical team.',
    prevention: 'The app owner should publish the Google app (set it to "In production") so connections stop expiring every week.',
  },
  TOKEN_LIMIT_EXCEEDED: {
    title: 'Too many connections for one account',
    explanation:
      'Google allows only 100 active connections from one Google account to the same app. This account was connected again and again ' +
      '(often by many team members or clients using the same login), so Google quietly ended the oldest connection, this one.',
    action: 'Click "Refresh token" and approve the connection again.',
    prevention:
      'Avoid reconnecting the same account over and over. Agencies: connect each client with its own ad account access rather than one personal account for all clients.',
  },
  UNKNOWN: {
    title: 'The connection stopped working',
    explanation: 'The ad platform rejected this connection without saying why.',
    action: 'Click "Refresh token" and approve the connection again. If that does not help, contact support.',
    prevention: 'If this happens again, contact support with the time it happened so we can look into it.',
  },
};
