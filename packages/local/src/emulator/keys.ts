/** A TC3 key pair the emulator accepts. */
export interface EmulatorKey {
  readonly secretId: string;
  readonly secretKey: string;
}

/**
 * The key pair the emulator accepts when none is configured. It is public on purpose (printed at
 * start and documented): the emulator guards nothing but local test data.
 */
export const DEFAULT_LOCAL_KEYS: EmulatorKey = {
  secretId: 'AKIDLOCALSESEMULATOR000000000000',
  secretKey: 'localsesemulatorsecretkey0000000',
};
