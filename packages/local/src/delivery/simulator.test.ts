import { describe, expect, test } from 'vitest';
import { simulatorOutcome } from './simulator.js';

describe('simulatorOutcome', () => {
  test.each([
    ['success@simulator.test', 'success'],
    ['bounce@simulator.test', 'bounce'],
    ['softbounce@simulator.test', 'softbounce'],
    ['complaint@simulator.test', 'complaint'],
    ['open@simulator.test', 'open'],
    ['click@simulator.test', 'click'],
    ['unsubscribe@simulator.test', 'unsubscribe'],
    ['defer@simulator.test', 'defer'],
    ['Bounce@Simulator.TEST', 'bounce'],
    ['click+campaign-7@simulator.test', 'click'],
    ['OPEN+a.b_c@simulator.test', 'open'],
  ])('%s → %s', (address, outcome) => {
    expect(simulatorOutcome(address)).toBe(outcome);
  });

  test.each([
    'alice@example.org',
    'bounce@simulator.test.example.org',
    'bounce@sub.simulator.test',
    'bouncy@simulator.test',
    'xbounce@simulator.test',
    'bounce+@simulator.test',
    'bounce+a b@simulator.test',
    'simulator.test',
    '',
  ])('%j is not a simulator address', (address) => {
    expect(simulatorOutcome(address)).toBeUndefined();
  });
});
