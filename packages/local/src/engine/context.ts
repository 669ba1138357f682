import type { ApiError, WarmupPlan } from '@ses-cli/sdk';
import type { Database } from 'better-sqlite3';
import type { DnsResolver } from '../delivery/dns-check.js';
import type { Transport } from '../delivery/transport.js';
import type { DeliveryEvent } from './inspection.js';

/** Engine settings with every default applied (see `LocalBackendOptions`). */
export interface EngineOptions {
  readonly dataDir: string;
  readonly timeZone: string;
  readonly autoVerifyDomains: boolean;
  readonly dnsResolver: DnsResolver | undefined;
  readonly autoApproveTemplates: boolean;
  readonly warmupPlan: WarmupPlan;
  readonly warmup: boolean;
  /** @unit bytes */
  readonly maxEmailBytes: number;
  readonly frequencyLimitPerHour: number;
  readonly trackingBaseUrl: string;
  readonly appId: string;
}

/**
 * What every handler and the due-work runner get: the database, emulated time and the settings.
 * One context is built per request (its `requestId` and `action` go into errors) and one per
 * `runDue` call (`action` = `runDue`).
 */
export interface EngineContext {
  readonly db: Database;
  /** Emulated now (real clock + persisted offset). Engine code never calls `Date.now()`. */
  now(): Date;
  /** IANA zone for day boundaries and the service's `YYYY-MM-DD HH:mm:ss` strings. */
  readonly timeZone: string;
  readonly options: EngineOptions;
  readonly transport: Transport;
  /** Region the request named (`ap-guangzhou` when there is none, e.g. in `runDue`). */
  readonly region: string;
  readonly action: string;
  readonly requestId: string;
  /** Publishes a delivery event to `onEvent` listeners (webhooks). */
  emit(event: DeliveryEvent): void;
  /** Builds the typed error the service would answer; throw it. */
  apiError(code: string, message: string): ApiError;
  /** True once the backend is closing: long work (a batch drain) stops after the chunk in hand. */
  stopping(): boolean;
  /** Runs `fn` in one `BEGIN IMMEDIATE` transaction (joins an outer one if already inside). */
  write<T>(fn: () => T): T;
}

/** An action implementation: validated wire input in, wire `Response` (without `RequestId`) out. */
export type Handler = (
  ctx: EngineContext,
  input: Record<string, unknown>,
) => Record<string, unknown> | Promise<Record<string, unknown>>;
