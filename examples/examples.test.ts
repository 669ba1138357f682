import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalBackend, type LocalBackend } from '@ses-cli/local';
import { SesClient } from '@ses-cli/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main as batchCampaign } from './batch-campaign.js';
import { main as paginatedListing } from './paginated-listing.js';
import { main as resourceTour } from './resource-tour.js';
import { main as transactionalSend } from './transactional-send.js';

describe('examples against the embedded local backend', () => {
  let dataDir: string;
  let backend: LocalBackend;
  let ses: SesClient;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ses-examples-'));
    backend = createLocalBackend({ dataDir });
    // Uploads and tasks are due work in the local engine; run it as `serve` would.
    backend.startScheduler(20);
    ses = new SesClient({ backend });
  });

  afterEach(async () => {
    await ses.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('transactional-send sends a code and finds its status record', async () => {
    const result = await transactionalSend(ses);
    expect(result.messageId).not.toBe('');
    // Times map to real dates of this century whatever epoch unit the engine answers in.
    expect(result.statuses[0]?.requestedAt?.getUTCFullYear()).toBeGreaterThanOrEqual(2020);
    expect(result.statuses).toEqual([
      expect.objectContaining({ to: 'success@simulator.test', send: 'accepted' }),
    ]);
    // The local engine composed a real message for it.
    expect(backend.messages.list({ messageId: result.messageId }).total).toBe(1);
  });

  it('transactional-send is safe to run twice on the same data', async () => {
    await transactionalSend(ses);
    await transactionalSend(ses);
    expect((await ses.templates.list()).totalCount).toBe(1);
  });

  it('paginated-listing reads several pages three ways', async () => {
    const result = await paginatedListing(ses);
    expect(result).toEqual({
      totalCount: 5,
      pageSizes: [2, 2, 1],
      names: expect.arrayContaining(['example-1', 'example-5']),
    });
    expect(result.names).toHaveLength(5);
  });

  it('batch-campaign uploads a group and starts a batch task', async () => {
    const result = await batchCampaign(ses);
    expect(result).toMatchObject({ uploaded: 25, type: 'immediate' });
    expect(result.taskId).toBeGreaterThan(0);
  });

  it('resource-tour maps every resource against the real engine', async () => {
    const result = await resourceTour(ses);
    expect(result).toMatchObject({
      domain: { verified: true, dkim: 'rsa-2048' },
      template: { status: 'approved', variables: ['name'] },
      delivery: ['delivered'],
      group: { status: 'complete', count: 2 },
      task: { type: 'immediate' },
      bounced: 0,
      customBlacklist: ['never@example.com'],
      unsubscribe: [['hello@tour.acme.example', 'en']],
      complaints: 0,
    });
    expect(result.domain.records).toBeGreaterThan(0);
    expect(result.requested).toBeGreaterThanOrEqual(1);
  });
});
