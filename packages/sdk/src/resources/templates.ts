import type { RequestOptions } from '../client.js';
import { ValidationError } from '../core/errors.js';
import type { PagePromise } from '../core/pagination.js';
import { extractTemplateVariables } from '../helpers/template.js';
import type { WireTemplatesMetadata } from '../operations/templates.js';
import { decodeText, encodeText } from './shared/base64.js';
import { type CodeTable, nameOf } from './shared/codes.js';
import { compact } from './shared/compact.js';
import { fromUnixSeconds } from './shared/dates.js';
import { type ListParams, noMeta } from './shared/list.js';
import { Resource } from './shared/resource.js';
import type { RequestIdResult } from './shared/results.js';

/** Review state of a template; only `approved` templates can be sent. */
export type TemplateStatus = 'approved' | 'pending' | 'rejected';

const TEMPLATE_STATUS: CodeTable<TemplateStatus> = { 0: 'approved', 1: 'pending', 2: 'rejected' };

/** A template's bodies as plain text (base64 is applied on the wire). At least one is required. */
export interface TemplateBody {
  readonly html?: string | undefined;
  readonly text?: string | undefined;
}

/** Parameters of {@link Templates.create}. */
export interface TemplateCreateParams extends TemplateBody {
  readonly name: string;
}

/** Parameters of {@link Templates.update}: the whole template again, as for `create`. */
export type TemplateUpdateParams = TemplateCreateParams;

/** Result of {@link Templates.create}. */
export interface TemplateCreateResult {
  /** The new template's id. New templates go through review before they can be sent. */
  readonly id: number;
  readonly requestId: string;
}

/** A template with its content (`GetEmailTemplate`). */
export interface Template {
  readonly id: number;
  readonly name: string;
  /** `'unknown'` for a code this SDK does not know; see `statusCode`. */
  readonly status: TemplateStatus | 'unknown';
  /** The raw `TemplateStatus`. */
  readonly statusCode: number;
  readonly html: string | undefined;
  readonly text: string | undefined;
  /** Variable names used in the bodies (`{{name}}`), in order of first use. */
  readonly variables: readonly string[];
}

/** A template in a list (`ListEmailTemplates`): no content. */
export interface TemplateSummary {
  readonly id: number;
  readonly name: string;
  /** `'unknown'` covers the "any other value = unavailable" codes; see `statusCode`. */
  readonly status: TemplateStatus | 'unknown';
  readonly statusCode: number;
  readonly createdAt: Date | undefined;
  /** Why review rejected it, when it did. */
  readonly reviewReason: string | undefined;
}

/**
 * Email templates (`CreateEmailTemplate`, `GetEmailTemplate`, `ListEmailTemplates`,
 * `UpdateEmailTemplate`, `DeleteEmailTemplate`). New and updated templates go through review.
 *
 * The variables of templates this client has created, fetched or updated are remembered, so
 * `emails.send` can reject unknown template data keys before sending.
 */
export class Templates extends Resource {
  protected override readonly fieldNames = {
    TemplateID: 'id',
    TemplateName: 'name',
    TemplateContent: 'content',
  };

  readonly #variables = new Map<number, readonly string[]>();

  /**
   * Creates a template from plain-text bodies.
   * @example await ses.templates.create({ name: 'welcome', html: '<p>Hi {{name}}</p>', text: 'Hi {{name}}' })
   */
  async create(params: TemplateCreateParams, options?: RequestOptions): Promise<TemplateCreateResult> {
    const out = await this.invoke(
      'CreateEmailTemplate',
      { TemplateName: params.name, TemplateContent: wireBody(params) },
      options,
    );
    const id = out.TemplateID ?? 0;
    this.#remember(id, params);
    return { id, requestId: out.RequestId };
  }

  /** Fetches a template with its decoded bodies. */
  async get(id: number, options?: RequestOptions): Promise<Template> {
    const out = await this.invoke('GetEmailTemplate', { TemplateID: id }, options);
    const body = { html: decodeText(out.TemplateContent?.Html), text: decodeText(out.TemplateContent?.Text) };
    const variables = this.#remember(id, body);
    const statusCode = out.TemplateStatus ?? -1;
    return {
      id,
      name: out.TemplateName ?? '',
      status: nameOf(TEMPLATE_STATUS, statusCode),
      statusCode,
      ...body,
      variables,
    };
  }

  /** Lists templates, newest first as the service orders them. */
  list(params: ListParams = {}, options?: RequestOptions): PagePromise<TemplateSummary> {
    return this.pages(
      'ListEmailTemplates',
      params,
      {
        input: ({ offset, limit }) => ({ Offset: offset, Limit: limit }),
        item: toTemplateSummary,
        meta: noMeta,
      },
      options,
    );
  }

  /** Replaces a template's name and bodies; the template goes back to review. */
  async update(id: number, params: TemplateUpdateParams, options?: RequestOptions): Promise<RequestIdResult> {
    const out = await this.invoke(
      'UpdateEmailTemplate',
      { TemplateID: id, TemplateName: params.name, TemplateContent: wireBody(params) },
      options,
    );
    this.#remember(id, params);
    return { requestId: out.RequestId };
  }

  /** Deletes a template. */
  async delete(id: number, options?: RequestOptions): Promise<RequestIdResult> {
    const out = await this.invoke('DeleteEmailTemplate', { TemplateID: id }, options);
    this.#variables.delete(id);
    return { requestId: out.RequestId };
  }

  /** Variables of a template this client has seen (created, fetched, updated); otherwise `undefined`. */
  knownVariables(id: number): readonly string[] | undefined {
    return this.#variables.get(id);
  }

  #remember(id: number, body: TemplateBody): readonly string[] {
    const variables = extractTemplateVariables({ html: body.html, text: body.text });
    this.#variables.set(id, variables);
    return variables;
  }
}

function wireBody(params: TemplateBody): { Html?: string; Text?: string } {
  if (params.html === undefined && params.text === undefined) {
    throw new ValidationError('html', 'a template needs an html or a text body (or both)');
  }
  return compact({ Html: encodeText(params.html), Text: encodeText(params.text) });
}

function toTemplateSummary(wire: WireTemplatesMetadata): TemplateSummary {
  const statusCode = wire.TemplateStatus ?? -1;
  return {
    id: wire.TemplateID ?? 0,
    name: wire.TemplateName ?? '',
    status: nameOf(TEMPLATE_STATUS, statusCode),
    statusCode,
    createdAt: fromUnixSeconds(wire.CreatedTimestamp),
    reviewReason: wire.ReviewReason || undefined,
  };
}
