import * as z from 'zod';
import { emailAddress, numberCodes, pageOffset } from './common.js';
import { defineOperation } from './operation.js';

const buildAddressUnsubscribeConfigData = () =>
  z.looseObject({
    Address: z.string().optional(),
    /** Language code `"0"`–`"10"` (`"0"` = no link). */
    UnsubscribeConfig: z.string().optional(),
    /** `0` off · `1` on */
    Status: z.number().optional(),
  });
/** Unsubscribe-link settings of one sender address. */
export const AddressUnsubscribeConfigDataSchema = /* @__PURE__ */ z.lazy(buildAddressUnsubscribeConfigData);
/** An address-level unsubscribe configuration, as answered. */
export type WireAddressUnsubscribeConfigData = z.output<typeof AddressUnsubscribeConfigDataSchema>;

/** Address-level unsubscribe language codes (`"0"` = no link; meanings differ by site). */
export const ADDRESS_UNSUBSCRIBE_CODES: readonly string[] = numberCodes(10);

const configInput = () =>
  z.strictObject({
    Address: emailAddress(),
    UnsubscribeConfig: z
      .string()
      .refine((v) => ADDRESS_UNSUBSCRIBE_CODES.includes(v), 'must be a language code "0"–"10"'),
    Status: z.literal([0, 1], 'must be 0 (off) or 1 (on)'),
  });

/** Address-level unsubscribe configuration. */
export const unsubscribeConfigOperations = {
  CreateAddressUnsubscribeConfig: defineOperation({
    action: 'CreateAddressUnsubscribeConfig',
    input: () => configInput(),
    output: () => z.looseObject({}),
    // One configuration per sender address: a repeat answers that the address already has one.
    idempotent: false,
  }),
  UpdateAddressUnsubscribeConfig: defineOperation({
    action: 'UpdateAddressUnsubscribeConfig',
    input: () => configInput(),
    output: () => z.looseObject({}),
    idempotent: true,
  }),
  ListAddressUnsubscribeConfig: defineOperation({
    action: 'ListAddressUnsubscribeConfig',
    input: () =>
      z.strictObject({
        Offset: pageOffset().optional(),
        // The API types this Limit as a string (e.g. "10").
        Limit: z
          .string()
          .regex(/^\d+$/, 'must be a decimal number string, e.g. "10"')
          // A size issue, as for the numeric limits, so the engine answers FailedOperation.InvalidLimit.
          .superRefine((v, ctx) => {
            if (Number(v) > 100) {
              ctx.addIssue({
                code: 'too_big',
                origin: 'number',
                maximum: 100,
                input: v,
                message: 'at most 100',
              });
            }
          })
          .optional(),
      }),
    output: () =>
      z.looseObject({
        AddressUnsubscribeConfigList: z.array(buildAddressUnsubscribeConfigData()).optional(),
        Total: z.number().optional(),
      }),
    idempotent: true,
    list: { itemsKey: 'AddressUnsubscribeConfigList', totalKey: 'Total' },
  }),
  DeleteAddressUnsubscribeConfig: defineOperation({
    action: 'DeleteAddressUnsubscribeConfig',
    input: () => z.strictObject({ Address: emailAddress().optional() }),
    output: () => z.looseObject({}),
    idempotent: false,
  }),
};
