import { operations } from '@ses-cli/sdk';

/** The service's answer to an input that breaks a rule: its error code and a message. */
export interface InputProblem {
  readonly code: string;
  readonly message: string;
}

/** The part of a zod issue the mapping reads (zod itself is the SDK's dependency, not ours). */
interface Issue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly keys?: readonly string[];
}

interface Rule {
  readonly actions?: readonly string[];
  /** Dotted field path with `*` for array indexes, e.g. `Datas.*.TemplateData`. */
  readonly field: string;
  /** Which failures the rule covers; every failure but a missing field when omitted. */
  readonly when?: 'missing' | 'too_big' | 'too_small' | 'custom';
  readonly code: string | ((value: unknown) => string);
}

const DATE_ACTIONS = [
  'ListBlackEmailAddress',
  'GetStatisticsReport',
  'GetSendEmailStatus',
  'CreateCustomBlacklist',
  'UpdateCustomBlackList',
];

const TEMPLATE_DATA_MAX_BYTES = 800;

// Where the reference names a specific code for a broken rule, the engine answers with it, exactly
// as the service does; everything else falls back to the platform codes.
const RULES: readonly Rule[] = [
  { field: 'Limit', when: 'too_big', code: 'FailedOperation.InvalidLimit' },
  { actions: DATE_ACTIONS, field: 'StartDate', code: 'InvalidParameterValue.WrongDate' },
  { actions: DATE_ACTIONS, field: 'EndDate', code: 'InvalidParameterValue.WrongDate' },
  { actions: DATE_ACTIONS, field: 'RequestDate', code: 'InvalidParameterValue.WrongDate' },
  { actions: DATE_ACTIONS, field: 'ExpireDate', code: 'InvalidParameterValue.WrongDate' },
  { actions: ['GetAbuseReport'], field: 'StartTime', code: 'InvalidParameter.InvalidStartTimeFormat' },
  { actions: ['GetAbuseReport'], field: 'EndTime', code: 'InvalidParameter.InvalidEndTimeFormat' },
  {
    actions: ['CreateEmailIdentity'],
    field: 'EmailIdentity',
    code: 'InvalidParameterValue.InvalidEmailIdentity',
  },
  {
    actions: ['CreateEmailAddress'],
    field: 'EmailAddress',
    code: 'InvalidParameterValue.IllegalEmailAddress',
  },
  {
    actions: ['CreateEmailAddress'],
    field: 'EmailSenderName',
    code: 'InvalidParameterValue.IllegalSenderName',
  },
  {
    actions: ['UpdateEmailSmtpPassWord'],
    field: 'Password',
    code: 'InvalidParameterValue.InvalidSmtpPassWord',
  },
  {
    actions: ['CreateEmailTemplate', 'UpdateEmailTemplate'],
    field: 'TemplateName',
    code: 'InvalidParameterValue.TemplateNameIllegal',
  },
  {
    actions: ['CreateEmailTemplate', 'UpdateEmailTemplate'],
    field: 'TemplateContent.Html',
    code: 'InvalidParameterValue.TemplateContentIsWrong',
  },
  {
    actions: ['CreateEmailTemplate', 'UpdateEmailTemplate'],
    field: 'TemplateContent.Text',
    code: 'InvalidParameterValue.TemplateContentIsWrong',
  },
  { actions: ['CreateReceiver'], field: 'ReceiversName', code: 'InvalidParameterValue.ReceiverNameIllegal' },
  { actions: ['CreateReceiver'], field: 'Desc', code: 'InvalidParameterValue.ReceiverDescIllegal' },
  { field: 'ReceiverId', when: 'missing', code: 'MissingParameter.ReceiverIdNecessary' },
  {
    actions: ['CreateReceiverDetail', 'CreateCustomBlacklist'],
    field: 'Emails',
    when: 'missing',
    code: 'MissingParameter.EmailsNecessary',
  },
  {
    actions: ['CreateReceiverDetail', 'CreateCustomBlacklist'],
    field: 'Emails',
    when: 'too_small',
    code: 'MissingParameter.EmailsNecessary',
  },
  {
    actions: ['CreateReceiverDetailWithData'],
    field: 'Datas',
    when: 'too_small',
    code: 'MissingParameter.EmailsNecessary',
  },
  {
    actions: ['CreateReceiverDetail', 'CreateReceiverDetailWithData', 'CreateCustomBlacklist'],
    field: 'Emails',
    when: 'too_big',
    code: 'LimitExceeded.ReceiverDetailRequestLimit',
  },
  {
    actions: ['CreateReceiverDetailWithData'],
    field: 'Datas',
    when: 'too_big',
    code: 'LimitExceeded.ReceiverDetailRequestLimit',
  },
  {
    actions: ['CreateReceiverDetailWithData'],
    field: 'Datas.*.TemplateData',
    code: (value) =>
      typeof value === 'string' && Buffer.byteLength(value, 'utf8') > TEMPLATE_DATA_MAX_BYTES
        ? 'InvalidParameterValue.TemplateDataLenLimit'
        : 'InvalidParameterValue.TemplateDataError',
  },
  { actions: ['UpdateCustomBlackList'], field: 'Email', code: 'InvalidParameterValue.IllegalEmailAddress' },
  {
    actions: ['SendEmail', 'BatchSendEmail'],
    field: 'Subject',
    code: 'InvalidParameterValue.SubjectLengthError',
  },
  {
    actions: ['SendEmail', 'BatchSendEmail'],
    field: 'FromEmailAddress',
    code: 'FailedOperation.IncorrectSender',
  },
  {
    actions: ['SendEmail'],
    field: 'Destination',
    when: 'too_big',
    code: 'FailedOperation.TooManyRecipients',
  },
  // No recipient in Destination, Cc or Bcc (the schema's whole-request check, reported on Destination).
  {
    actions: ['SendEmail'],
    field: 'Destination',
    when: 'custom',
    code: 'InvalidParameterValue.EmailAddressIsNULL',
  },
  { actions: ['SendEmail'], field: 'Destination.*', code: 'FailedOperation.IncorrectEmail' },
  { actions: ['SendEmail'], field: 'Cc.*', code: 'FailedOperation.IncorrectEmail' },
  { actions: ['SendEmail'], field: 'Bcc.*', code: 'FailedOperation.IncorrectEmail' },
  {
    actions: ['SendEmail'],
    field: 'Attachments',
    when: 'too_big',
    code: 'FailedOperation.TooManyAttachments',
  },
  {
    actions: ['SendEmail'],
    field: 'Template.TemplateData',
    code: 'FailedOperation.WrongContentJson',
  },
  {
    actions: ['BatchSendEmail'],
    field: 'Template.TemplateData',
    code: 'InvalidParameterValue.TemplateDataError',
  },
  {
    actions: ['BatchSendEmail'],
    field: 'TimedParam',
    when: 'missing',
    code: 'MissingParameter.TimedParamNecessary',
  },
  {
    actions: ['BatchSendEmail'],
    field: 'CycleParam',
    when: 'missing',
    code: 'MissingParameter.CycleParamNecessary',
  },
];

/**
 * Checks `payload` against the operation table's input schema of `action`. Returns the parsed input,
 * or the problem the service would answer: `UnknownParameter` for a field it does not know,
 * `MissingParameter` for a required one left out, a specific SES code where the reference names
 * one (e.g. `FailedOperation.InvalidLimit`), `InvalidParameter` for a value of the wrong type, else
 * `InvalidParameterValue`.
 */
export function validateInput(
  action: keyof typeof operations,
  payload: unknown,
): { ok: true; input: Record<string, unknown> } | { ok: false; problem: InputProblem } {
  const parsed = operations[action].input.safeParse(payload ?? {});
  if (parsed.success) return { ok: true, input: parsed.data as Record<string, unknown> };
  const issue = parsed.error.issues[0];
  if (!issue) return { ok: false, problem: { code: 'InvalidParameter', message: 'invalid request' } };
  return { ok: false, problem: problemFor(action, issue, payload) };
}

function problemFor(action: string, issue: Issue, payload: unknown): InputProblem {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const names = (issue.keys ?? []).map((key) => [...path, key].join('.'));
    return { code: 'UnknownParameter', message: `The parameter ${names.join(', ')} is not recognized.` };
  }
  const value = valueAt(payload, issue.path);
  const field = path.join('.') || 'payload';
  // A fixed-value field (a literal) reports its absence as an invalid value rather than a type.
  const missing = value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value');
  const kind = missing
    ? 'missing'
    : issue.code === 'too_big' || issue.code === 'too_small' || issue.code === 'custom'
      ? issue.code
      : undefined;
  const pattern = path.map((segment) => (/^\d+$/.test(segment) ? '*' : segment)).join('.');
  const rule = RULES.find(
    (r) =>
      r.field === pattern &&
      (r.actions === undefined || r.actions.includes(action)) &&
      (r.when === undefined ? !missing : r.when === kind),
  );
  if (rule) {
    const code = typeof rule.code === 'string' ? rule.code : rule.code(value);
    return { code, message: missing ? `The parameter ${field} is required.` : `${field}: ${issue.message}` };
  }
  if (missing) return { code: 'MissingParameter', message: `The parameter ${field} is required.` };
  // A value of the wrong JSON type is a bad format (reference §5.1), not a bad value.
  if (issue.code === 'invalid_type')
    return { code: 'InvalidParameter', message: `${field}: ${issue.message}` };
  return { code: 'InvalidParameterValue', message: `${field}: ${issue.message}` };
}

function valueAt(payload: unknown, path: readonly PropertyKey[]): unknown {
  let current = payload;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
