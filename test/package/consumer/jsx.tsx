// A strict JSX consumer of the packed package (React 19 and Preact: ./framework.ts switches the
// typings on): every attribute, property and cw-* event of the tags is typed, and wrong values do
// not compile. Type-checked by ../run.mjs.
import './framework.js';
import type { AuthApi } from 'cw-auth-elements';

export function Connections({ token, client }: { token: string; client?: AuthApi }) {
  return (
    <>
      <cw-auth-providers
        base-url="https://api.example.com"
        credentials="include"
        theme="auto"
        locale="de"
        autosave
        heading-level={3}
        profiles="off"
        providers={['plex', 'trakt']}
        headers={{ Authorization: `Bearer ${token}` }}
        client={client}
        strings={{ 'card.save': 'Store' }}
        oncw-providers-loaded={(e) => e.detail.providers.join(', ') + e.detail.invalid.toFixed()}
        oncw-config-saved={(e) => e.detail.keys.join(', ')}
        oncw-save-error={(e) => e.detail.message}
        oncw-flow-start={(e) => e.detail.flow}
        oncw-connected={(e) => `${e.detail.provider} ${e.detail.account ?? ''}`}
        oncw-disconnected={(e) => e.detail.provider}
        oncw-flow-error={(e) => e.detail.code}
        oncw-profile-change={(e) => e.detail.instance}
        oncw-account-profile-change={(e) => e.detail.profileId}
      />
      <cw-provider-card manifest={{ name: 'PLEX', label: 'Plex' }} instance="default" autosave theme="dark" heading-level={4} />
      <cw-copy-button value="https://example.com/callback" label="Copy the redirect URL" />
      <cw-qr-code value="https://example.com/activate" label="Scan to open the activation page" />
    </>
  );
}

// @ts-expect-error `theme` is light, dark or auto
export const badTheme = <cw-auth-providers theme="purple" />;
// @ts-expect-error `headers` is a record of strings
export const badHeaders = <cw-auth-providers headers={{ Authorization: 42 }} />;
// @ts-expect-error the cw-connected detail has no token
export const badDetail = <cw-auth-providers oncw-connected={(e) => e.detail.token} />;
// @ts-expect-error a property the element does not have (dashed attribute names are never checked by TypeScript's JSX)
export const badProperty = <cw-auth-providers apiBase="https://api.example.com" />;
