export const PROVIDERS = ['FACEBOOK', 'GOOGLE'] as const;
