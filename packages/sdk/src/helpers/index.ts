export {
  calendarDate,
  calendarDateTime,
  calendarDaysBetween,
  parseCalendarDateTime,
  SES_TIME_ZONE,
} from './calendar.js';
export {
  escapeHtml,
  extractTemplateVariables,
  extractVariables,
  type MissingVariablePolicy,
  type RenderOptions,
  renderTemplate,
  renderTemplateParts,
  TEMPLATE_VARIABLE_NAME,
  type TemplateData,
  type TemplateParts,
  type TemplateValue,
} from './template.js';
export {
  checkTemplateData,
  serializeTemplateData,
  TEMPLATE_DATA_MAX_BYTES,
  type TemplateDataCheckOptions,
} from './template-data.js';
export {
  DEFAULT_WARMUP_PLAN,
  MAX_PROJECTION_DAYS,
  parseWarmupPlan,
  projectWarmup,
  quotaForDay,
  type WarmupPlan,
  type WarmupPlanDay,
  type WarmupProjection,
  type WarmupProjectionDay,
  type WarmupProjectionInput,
  type WarmupStatus,
  type WarmupStatusInput,
  warmupDay,
  warmupStatus,
} from './warmup.js';
export {
  type BounceType,
  createWebhookEvent,
  parseWebhookEvent,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_MAX_BYTES,
  type WebhookEvent,
  type WebhookEventInit,
  type WebhookEventType,
  type WebhookPayload,
} from './webhook.js';
