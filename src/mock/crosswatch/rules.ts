/**
 * How the mock decides that a credential is "wrong" or a server "unreachable", so tests and the
 * demo can reach every failure without a real provider. Documented in docs/crosswatch.md.
 */
export interface MockRules {
  /** A secret or password the provider would reject: it starts with `wrong`, `bad` or `invalid`. */
  rejects(value: string): boolean;
  /** A server URL nobody answers at: its host contains `unreachable`. */
  unreachable(url: string): boolean;
  /** A server that is too old for CrossWatch: its host has the word `old` (`kodi-old.lan`). */
  tooOld(url: string): boolean;
  /** A Jellyfin server with Quick Connect switched off: its host has the word `noqc` (`jf-noqc.lan`). */
  quickConnectOff(url: string): boolean;
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return url.toLowerCase();
  }
};

export const mockRules: MockRules = {
  rejects: (value) => /^(wrong|bad|invalid)/i.test(value.trim()),
  unreachable: (url) => hostOf(url).includes('unreachable'),
  tooOld: (url) => /\bold\b/.test(hostOf(url)),
  quickConnectOff: (url) => /\bnoqc\b/.test(hostOf(url)),
};
