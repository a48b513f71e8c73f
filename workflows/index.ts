// Every workflow the worker registers. Deterministic code only below this folder.
export { smallClaimWorkflow } from './sct/small-claim';
export { closureBroadcastWorkflow } from './calendar/closure-broadcast';
export { filingWorkflow } from './filing/filing';
export { registrationWorkflow } from './registration/registration';
export { notificationDeliveryWorkflow } from './notifications/delivery';
export { dailyDigestWorkflow } from './digest/daily-digest';
