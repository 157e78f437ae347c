// Vue 3: the cw-* tags are GlobalComponents (what vue-tsc / Volar check templates against).
import type {} from 'cw-auth-elements/vue';
import type { GlobalComponents } from 'vue';

export type Props<Tag extends keyof GlobalComponents> = InstanceType<GlobalComponents[Tag]>['$props'];
