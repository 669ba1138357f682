import type { EngineContext, Handler } from '../context.js';
import { findSender, findUnsubscribeConfig } from '../lookups.js';
import { siteUnsubscribeCode } from '../sending/content.js';

function requireSender(ctx: EngineContext, address: string): void {
  if (!findSender(ctx.db, address)) {
    throw ctx.apiError('InvalidParameterValue.NoSuchSender', `The sender ${address} does not exist.`);
  }
}

/** The request's `UnsubscribeConfig` in the engine's (China-site) numbering. */
function storedCode(ctx: EngineContext, input: Record<string, unknown>): string {
  return siteUnsubscribeCode(String(input['UnsubscribeConfig']), ctx.region);
}

const createAddressUnsubscribeConfig: Handler = (ctx, input) => {
  const address = String(input['Address']).toLowerCase();
  return ctx.write(() => {
    requireSender(ctx, address);
    if (findUnsubscribeConfig(ctx.db, address)) {
      throw ctx.apiError(
        'InvalidParameterValue',
        `${address} already has an unsubscribe configuration; use UpdateAddressUnsubscribeConfig.`,
      );
    }
    ctx.db
      .prepare('INSERT INTO unsubscribe_configs (address, config, status, created_at) VALUES (?, ?, ?, ?)')
      .run(address, storedCode(ctx, input), input['Status'], ctx.now().getTime());
    return {};
  });
};

const updateAddressUnsubscribeConfig: Handler = (ctx, input) => {
  const address = String(input['Address']).toLowerCase();
  return ctx.write(() => {
    const result = ctx.db
      .prepare('UPDATE unsubscribe_configs SET config = ?, status = ? WHERE address = ?')
      .run(storedCode(ctx, input), input['Status'], address);
    if (result.changes === 0) {
      throw ctx.apiError('InvalidParameterValue', `${address} has no unsubscribe configuration.`);
    }
    return {};
  });
};

const listAddressUnsubscribeConfig: Handler = (ctx, input) => {
  const limit = typeof input['Limit'] === 'string' ? Number(input['Limit']) : -1;
  const offset = typeof input['Offset'] === 'number' ? input['Offset'] : 0;
  const rows = ctx.db
    .prepare(
      'SELECT address, config, status FROM unsubscribe_configs ORDER BY created_at, address LIMIT ? OFFSET ?',
    )
    .all(limit, offset) as { address: string; config: string; status: number }[];
  return {
    AddressUnsubscribeConfigList: rows.map((row) => ({
      Address: row.address,
      UnsubscribeConfig: siteUnsubscribeCode(row.config, ctx.region),
      Status: row.status,
    })),
    Total: ctx.db.prepare('SELECT COUNT(*) FROM unsubscribe_configs').pluck().get() as number,
  };
};

const deleteAddressUnsubscribeConfig: Handler = (ctx, input) => {
  if (typeof input['Address'] !== 'string') {
    throw ctx.apiError('MissingParameter', 'The parameter Address is required.');
  }
  const address = input['Address'].toLowerCase();
  return ctx.write(() => {
    const result = ctx.db.prepare('DELETE FROM unsubscribe_configs WHERE address = ?').run(address);
    if (result.changes === 0) {
      throw ctx.apiError('InvalidParameterValue', `${address} has no unsubscribe configuration.`);
    }
    return {};
  });
};

/** Address-level unsubscribe configuration actions. */
export const unsubscribeConfigHandlers: Record<string, Handler> = {
  CreateAddressUnsubscribeConfig: createAddressUnsubscribeConfig,
  UpdateAddressUnsubscribeConfig: updateAddressUnsubscribeConfig,
  ListAddressUnsubscribeConfig: listAddressUnsubscribeConfig,
  DeleteAddressUnsubscribeConfig: deleteAddressUnsubscribeConfig,
};
