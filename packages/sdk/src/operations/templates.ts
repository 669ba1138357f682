import * as z from 'zod';
import { pageLimit, pageOffset, uint } from './common.js';
import { defineOperation } from './operation.js';

const buildTemplateContent = () =>
  z.strictObject({
    Html: z.string().optional(),
    Text: z.string().optional(),
  });
/**
 * Template bodies, each base64-encoded on the wire. The service requires at least one
 * (`TemplateContentIsNULL`) and valid base64 (`TemplateContentIsWrong`); both are its answers.
 */
export const TemplateContentSchema = /* @__PURE__ */ z.lazy(buildTemplateContent);
/** Template bodies as sent (base64). */
export type WireTemplateContent = z.output<typeof TemplateContentSchema>;

const buildTemplateContentOutput = () =>
  z.looseObject({
    Html: z.string().optional(),
    Text: z.string().optional(),
  });
/** Template bodies as answered by `GetEmailTemplate` (loose). */
export const TemplateContentOutputSchema = /* @__PURE__ */ z.lazy(buildTemplateContentOutput);

const buildTemplatesMetadata = () =>
  z.looseObject({
    /** @unit Unix seconds */
    CreatedTimestamp: z.number().optional(),
    TemplateName: z.string().optional(),
    /** `0` approved · `1` pending review · `2` rejected · other = unavailable */
    TemplateStatus: z.number().optional(),
    TemplateID: z.number().optional(),
    /** Why review rejected it. */
    ReviewReason: z.string().optional(),
  });
/** A template summary in `ListEmailTemplates`. */
export const TemplatesMetadataSchema = /* @__PURE__ */ z.lazy(buildTemplatesMetadata);
/** A template summary, as answered. */
export type WireTemplatesMetadata = z.output<typeof TemplatesMetadataSchema>;

const templateId = () => uint();

/** Email templates. */
export const templateOperations = {
  CreateEmailTemplate: defineOperation({
    action: 'CreateEmailTemplate',
    input: () => z.strictObject({ TemplateName: z.string(), TemplateContent: buildTemplateContent() }),
    output: () => z.looseObject({ TemplateID: z.number().optional() }),
    // Each call creates a template with a new ID.
    idempotent: false,
  }),
  GetEmailTemplate: defineOperation({
    action: 'GetEmailTemplate',
    input: () => z.strictObject({ TemplateID: templateId() }),
    output: () =>
      z.looseObject({
        TemplateContent: buildTemplateContentOutput().optional(),
        /** `0` approved · `1` pending review · `2` rejected */
        TemplateStatus: z.number().optional(),
        TemplateName: z.string().optional(),
      }),
    idempotent: true,
  }),
  ListEmailTemplates: defineOperation({
    action: 'ListEmailTemplates',
    input: () => z.strictObject({ Limit: pageLimit(), Offset: pageOffset() }),
    output: () =>
      z.looseObject({
        TemplatesMetadata: z.array(buildTemplatesMetadata()).optional(),
        TotalCount: z.number().optional(),
      }),
    idempotent: true,
    list: { itemsKey: 'TemplatesMetadata', totalKey: 'TotalCount' },
  }),
  UpdateEmailTemplate: defineOperation({
    action: 'UpdateEmailTemplate',
    input: () =>
      z.strictObject({
        TemplateContent: buildTemplateContent(),
        TemplateID: templateId(),
        TemplateName: z.string(),
      }),
    output: () => z.looseObject({}),
    // Overwrites with the same content; a repeat only re-triggers the same review.
    idempotent: true,
  }),
  DeleteEmailTemplate: defineOperation({
    action: 'DeleteEmailTemplate',
    input: () => z.strictObject({ TemplateID: templateId() }),
    output: () => z.looseObject({}),
    idempotent: false,
  }),
};
