import type { RequestOptions } from '../client.js';
import type { PagePromise } from '../core/pagination.js';
import { MAX_ABUSE_REPORT_LIMIT, type WireAbuseReport } from '../operations/abuse-report.js';
import { compact } from './shared/compact.js';
import { type DateInput, toWireDate } from './shared/dates.js';
import { type ListParams, noMeta } from './shared/list.js';
import { Resource } from './shared/resource.js';

/** One spam complaint. Times are the service's strings, unchanged (their format is undocumented). */
export interface AbuseReport {
  readonly messageId: string;
  /** The SendEmail `MessageId` (bulk id) of the mail complained about. */
  readonly bulkId: string;
  readonly from: string;
  readonly to: string;
  readonly fromDomain: string;
  /** Recipient domain. */
  readonly recipientDomain: string;
  readonly subject: string;
  readonly templateId: string;
  readonly sourceIp: string;
  readonly deliverTime: string;
  readonly complainTime: string;
  readonly abuseTime: string;
  readonly insertTime: string;
}

/** Parameters of `abuseReports.list`. */
export interface AbuseReportListParams extends ListParams {
  readonly startDate: DateInput;
  readonly endDate: DateInput;
  readonly fromDomain?: string | undefined;
  readonly fromAddress?: string | undefined;
  readonly recipientDomain?: string | undefined;
  readonly toAddress?: string | undefined;
  readonly templateId?: number | string | undefined;
}

/** Spam-complaint reports (`GetAbuseReport`). Pages may hold up to 1,000 reports. */
export class AbuseReports extends Resource {
  protected override readonly fieldNames = {
    StartTime: 'startDate',
    EndTime: 'endDate',
    FromDomain: 'fromDomain',
    FromAddress: 'fromAddress',
    Mta: 'recipientDomain',
    ToAddress: 'toAddress',
    TemplateId: 'templateId',
  };

  /** Lists complaints in a range of days. */
  list(params: AbuseReportListParams, options?: RequestOptions): PagePromise<AbuseReport> {
    // Built per page so a bad filter rejects the returned promise instead of throwing here.
    const filters = () =>
      compact({
        StartTime: toWireDate(params.startDate, 'startDate', this.timeZone),
        EndTime: toWireDate(params.endDate, 'endDate', this.timeZone),
        FromDomain: params.fromDomain,
        FromAddress: params.fromAddress,
        Mta: params.recipientDomain,
        ToAddress: params.toAddress,
        TemplateId: params.templateId === undefined ? undefined : String(params.templateId),
      });
    return this.pages(
      'GetAbuseReport',
      params,
      {
        input: ({ offset, limit }) => ({ ...filters(), Offset: offset, Limit: limit }),
        item: toAbuseReport,
        meta: noMeta,
        maxLimit: MAX_ABUSE_REPORT_LIMIT,
      },
      options,
    );
  }
}

function toAbuseReport(wire: WireAbuseReport): AbuseReport {
  return {
    messageId: wire.MessageId ?? '',
    bulkId: wire.BulkId ?? '',
    from: wire.OriginalMailFrom ?? '',
    to: wire.OriginalRcptTo ?? '',
    fromDomain: wire.FromDomain ?? '',
    recipientDomain: wire.Mta ?? '',
    subject: wire.Subject ?? '',
    templateId: wire.TemplateId ?? '',
    sourceIp: wire.SourceIp ?? '',
    deliverTime: wire.DeliverTime ?? '',
    complainTime: wire.ComplainTime ?? '',
    abuseTime: wire.AbuseTime ?? '',
    insertTime: wire.InsertTime ?? '',
  };
}
