import type { RequestOptions, SesClient } from '../../client.js';
import type { PagePromise } from '../../core/pagination.js';
import { SES_TIME_ZONE } from '../../helpers/calendar.js';
import type { Site } from '../../http/endpoint.js';
import type { ActionName, WireInput, WireOutput } from '../../operations/index.js';
import { withFieldNames } from './field-names.js';
import { type ListParams, type ListSpec, listAction } from './list.js';

/** Base of every resource: holds the client whose `invoke` carries the wire calls. */
export abstract class Resource {
  /**
   * Wire field → public camelCase name. A `ValidationError` raised by the wire layer's own checks
   * (PascalCase paths) is re-labelled with it, so errors name what the caller wrote.
   */
  protected readonly fieldNames: Readonly<Record<string, string>> = {};

  constructor(protected readonly client: SesClient) {}

  /** The site whose unsubscribe-language numbering applies. */
  protected get site(): Site {
    return this.client.site;
  }

  /** The zone the backend's wall-clock strings are in (Tencent Cloud: China time). */
  protected get timeZone(): string {
    return this.client.backend.timeZone ?? SES_TIME_ZONE;
  }

  /** The backend's current time (the local backend's emulated clock), else the system clock. */
  protected now(): Date {
    return this.client.backend.now?.() ?? new Date();
  }

  /** {@link listAction} with wire field names in validation errors translated to {@link fieldNames}. */
  protected pages<A extends ActionName, W, T, M>(
    action: A,
    params: ListParams,
    spec: ListSpec<A, W, T, M>,
    options?: RequestOptions,
  ): PagePromise<T, M> {
    return listAction(this.client, action, params, { fieldNames: this.fieldNames, ...spec }, options);
  }

  /** `client.invoke` with wire field names in validation errors translated to {@link fieldNames}. */
  protected invoke<A extends ActionName>(
    action: A,
    payload: WireInput<A>,
    options?: RequestOptions,
  ): Promise<WireOutput<A> & { RequestId: string }> {
    return withFieldNames(this.fieldNames, () => this.client.invoke(action, payload, options));
  }
}
