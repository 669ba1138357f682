import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { defineOperation } from './operation.js';

describe('defineOperation', () => {
  it('builds each schema on its first read, once', () => {
    const built: string[] = [];
    const op = defineOperation({
      action: 'Probe',
      input: () => {
        built.push('input');
        return z.strictObject({ Name: z.string() });
      },
      output: () => {
        built.push('output');
        return z.looseObject({});
      },
      idempotent: true,
    });
    expect(built).toEqual([]);
    const first = op.input;
    expect(op.input).toBe(first);
    expect(built).toEqual(['input']);
    expect(op.input.safeParse({ Name: 'a' }).success).toBe(true);
    expect(op.output.safeParse({ Extra: 1 }).success).toBe(true);
    expect(built).toEqual(['input', 'output']);
  });

  it('defaults the rate to 20 per second and keeps the rest of the definition', () => {
    const op = defineOperation({
      action: 'Probe',
      input: () => z.strictObject({}),
      output: () => z.looseObject({ Items: z.array(z.string()).optional() }),
      idempotent: false,
      list: { itemsKey: 'Items' },
    });
    expect(op).toMatchObject({
      action: 'Probe',
      idempotent: false,
      ratePerSecond: 20,
      list: { itemsKey: 'Items' },
    });
    expect(
      defineOperation({ ...op, input: () => op.input, output: () => op.output, ratePerSecond: 35 })
        .ratePerSecond,
    ).toBe(35);
  });
});
