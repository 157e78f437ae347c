/**
 * Friendly names for the wire shapes of our HTTP contract. They are generated from
 * docs/openapi.yaml (`npm run types:openapi` → openapi.d.ts), so code that annotates with them
 * (the mock's handlers, the client's parsers) stops compiling when the document changes under it.
 *
 * These are the shapes of OUR contract. CrossWatch's variants (HTTP-200 failures, `detail`,
 * legacy member names) are not described here; the client tolerates them separately.
 */
import type { components, operations, paths } from './openapi.js';

type Schemas = components['schemas'];

// ── registry ──────────────────────────────────────────────────────────────────
export type WireManifest = Schemas['Manifest'];
export type WireField = Schemas['Field'];
export type WireFieldType = Schemas['FieldType'];
export type WireFieldOption = Schemas['FieldOption'];
export type WireActions = Schemas['Actions'];
export type WireManifestRoutes = Schemas['ManifestRoutes'];
export type WireBrand = Schemas['Brand'];
/** Any flow string a server may send (canonical, legacy or unknown). */
export type WireFlow = Schemas['Flow'];
export type WireFlowKind = Schemas['FlowKind'];
export type WireLegacyFlowName = Schemas['LegacyFlowName'];

// ── config ────────────────────────────────────────────────────────────────────
export type WireConfig = Schemas['Config'];
export type WireConfigPatch = Schemas['ConfigPatch'];
export type WireMaskedSecret = Schemas['MaskedSecret'];
export type WireUnsetRequest = Schemas['UnsetRequest'];
export type WireUnsetResult = Schemas['UnsetResult'];

// ── flows ─────────────────────────────────────────────────────────────────────
export type WireEmptyBody = Schemas['EmptyObject'];
export type WireDeviceStart = Schemas['DeviceStart'];
export type WireDevicePoll = Schemas['DevicePoll'];
export type WireDevicePollStatus = Schemas['DevicePollStatus'];
export type WirePinNewRequest = Schemas['PinNewRequest'];
export type WirePinNew = Schemas['PinNew'];
export type WireAuthorizeRequest = Schemas['AuthorizeRequest'];
export type WireAuthorize = Schemas['Authorize'];
export type WireOAuthMessage = Schemas['OAuthMessage'];
export type WireConnectRequest = Schemas['ConnectRequest'];
export type WireConnectResult = Schemas['ConnectResult'];

// ── connection ────────────────────────────────────────────────────────────────
export type WireStatus = Schemas['Status'];
export type WireStatusAll = Schemas['StatusAll'];
export type WireCrossWatchStatus = Schemas['CrossWatchStatus'];
export type WireRefresh = Schemas['RefreshResult'];
export type WireOk = Schemas['Ok'];

// ── profiles ──────────────────────────────────────────────────────────────────
export type WireInstance = Schemas['Instance'];
export type WireInstanceCreated = Schemas['InstanceCreated'];
export type WireRenameInstanceRequest = Schemas['RenameInstanceRequest'];

// ── errors ────────────────────────────────────────────────────────────────────
export type WireErrorEnvelope = Schemas['ErrorEnvelope'];
export type WireErrorBody = Schemas['ErrorBody'];
export type WireErrorCode = Schemas['ErrorCode'];
export type WireKnownErrorCode = Schemas['KnownErrorCode'];
export type WireUsage = Schemas['Usage'];
export type WireProviderInUseEnvelope = Schemas['ProviderInUseEnvelope'];

// ── CrossWatch's shapes (documented for x-crosswatch-only routes; not our contract) ──
export type WireCrossWatchFailure = Schemas['CrossWatchFailure'];
export type WireFastApiError = Schemas['FastApiError'];
export type WireCrossWatchProviderInUse = Schemas['CrossWatchProviderInUse'];
export type WireCrossWatchErrorBody = Schemas['CrossWatchErrorBody'];
export type WireCrossWatchLogin = Schemas['CrossWatchLogin'];

// ── runtime constants that must agree with the document ──────────────────────
/** How a stored secret reads back from GET /api/config: eight U+2022 BULLETs. */
export const WIRE_MASK: WireMaskedSecret = '••••••••';

/** The canonical flows, in the document's order. */
export const WIRE_FLOW_KINDS = ['device_code', 'oauth', 'credentials', 'local'] as const satisfies readonly WireFlowKind[];

/** CrossWatch's flow names and the canonical flow each one means. */
export const WIRE_LEGACY_FLOWS = {
  device_pin: 'device_code',
  tv_login: 'device_code',
  oauth2: 'oauth',
  token: 'credentials',
  api_key: 'credentials',
  api_keys: 'credentials',
} as const satisfies Record<WireLegacyFlowName, WireFlowKind>;

export const WIRE_DEVICE_POLL_STATUSES = [
  'pending',
  'slow_down',
  'authorized',
  'expired',
  'denied',
  'error',
] as const satisfies readonly WireDevicePollStatus[];

// Compile-time completeness: each list above names every member of its union, so adding a
// value to the document without updating the list fails the type check.
type Missing<All, Listed> = Exclude<All, Listed>;
type AssertNever<T extends never> = T;
export type _CheckFlowKinds = AssertNever<Missing<WireFlowKind, (typeof WIRE_FLOW_KINDS)[number]>>;
export type _CheckPollStatuses = AssertNever<
  Missing<WireDevicePollStatus, (typeof WIRE_DEVICE_POLL_STATUSES)[number]>
>;

// ── per-route helpers (for handlers and tests) ───────────────────────────────
export type WirePaths = paths;
export type WireOperations = operations;
/** The JSON body of `operation`'s response with `status`. */
export type WireResponse<Op extends keyof operations, Status extends number | 'default'> =
  operations[Op]['responses'] extends Record<Status, { content: { 'application/json': infer Body } }>
    ? Body
    : never;
