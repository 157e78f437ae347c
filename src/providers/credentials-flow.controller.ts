/**
 * Credentials / API key: submit the fields to the provider's connect route, show verifying, then
 * the account or the server's specific reason.
 */
import type { ConfigObject, FieldSchema } from '../api-client/types.js';
import { getPath, isMasked, lastSegment } from '../api-client/config-paths.js';
import { hasValue } from './describe.js';
import { instanceSegments } from './routes.js';
import type { ResolvedProvider } from './types.js';
import { connectedState, type CredentialsFlowState, type FlowContext } from './flow-state.js';
import { RunController, type FlowRun, type RunControllerOptions } from './flow-run.js';

export interface CredentialsFlowOptions extends FlowContext, RunControllerOptions<CredentialsFlowState> {}

const editable = (f: FieldSchema) => !f.readonly && f.type !== 'readonly';

/** A field's current value: what the user has (keyed by field key), else what is saved. */
function currentValue(field: FieldSchema, values: Record<string, unknown>, config: ConfigObject | undefined, instance?: string): unknown {
  if (Object.prototype.hasOwnProperty.call(values, field.key)) return values[field.key];
  return config ? getPath(config, instanceSegments(field.key, instance)) : undefined;
}

/**
 * The connect body: field values keyed by the last segment of their key
 * (`tautulli.history.user_id` → `user_id`). Masked values (untouched stored secrets) and blank
 * secrets are left out, so the server keeps what it has; readonly fields are never sent.
 */
export function toConnectBody(
  provider: ResolvedProvider,
  values: Record<string, unknown>,
  config?: ConfigObject,
  instance?: string,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of provider.manifest.fields.filter(editable)) {
    const value = currentValue(field, values, config, instance);
    if (value === undefined || value === null || isMasked(value)) continue;
    if (field.type === 'password' && value === '') continue;
    body[lastSegment(field.key)] = value;
  }
  return body;
}

/** Required fields with neither a typed value nor a saved one. */
export function missingRequired(
  provider: ResolvedProvider,
  values: Record<string, unknown>,
  config?: ConfigObject,
  instance?: string,
): FieldSchema[] {
  return provider.manifest.fields
    .filter((f) => f.required && editable(f) && f.type !== 'bool')
    .filter((f) => !hasValue(currentValue(f, values, config, instance)));
}

export class CredentialsFlowController extends RunController<CredentialsFlowState, FlowRun, CredentialsFlowOptions> {
  get busy(): boolean {
    return this.state.kind === 'verifying';
  }

  /** Sends the values (keyed by field key). A second call while verifying does nothing. */
  submit(values: Record<string, unknown>): void {
    if (this.busy) return;
    const target = this.target(
      (p) => p.routes.connect,
      (p, config, instance) => missingRequired(p, values, config, instance),
    );
    if (!target) return;
    const { api, provider, route, instance, config } = target;
    const run: FlowRun = { abort: new AbortController() };
    this.beginRun(run, { kind: 'verifying' });
    void api.connect(route, toConnectBody(provider, values, config, instance), { signal: run.abort.signal, instance }).then(
      (result) => this.finish(run, connectedState(result.account)),
      (error: unknown) => this.failWith(run, error),
    );
  }

  /** Drops a running request (its answer is ignored) and goes back to idle. */
  cancel(): void {
    this.stopRun();
    this.setState({ kind: 'idle' });
  }
}
