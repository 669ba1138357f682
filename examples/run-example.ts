import { resolve } from 'node:path';
import { argv, env } from 'node:process';
import { fileURLToPath } from 'node:url';
import { createLocalBackend } from '@ses-cli/local';
import { SesClient } from '@ses-cli/sdk';

/**
 * Runs an example's `main` when its file is executed directly (`npx tsx examples/<name>.ts`), and
 * does nothing when a test imports it.
 *
 * Backend: the embedded local one by default, with its data in `SES_CLI_DATA_DIR` or
 * `./.ses-cli/examples` (git-ignored), so nothing leaves the machine. `SES_EXAMPLE_BACKEND=tencent` talks to
 * Tencent Cloud with the standard `TENCENTCLOUD_*` credentials instead, and really sends.
 */
export function runExample(moduleUrl: string, main: (ses: SesClient) => Promise<unknown>): void {
  if (argv[1] === undefined || resolve(argv[1]) !== fileURLToPath(moduleUrl)) return;
  void (async () => {
    const tencent = env.SES_EXAMPLE_BACKEND === 'tencent';
    const local = tencent
      ? undefined
      : createLocalBackend({ dataDir: env.SES_CLI_DATA_DIR ?? '.ses-cli/examples' });
    // The local engine finishes uploads and runs tasks as "due work"; a timer stands in for `serve`.
    local?.startScheduler(200);
    const ses = local ? new SesClient({ backend: local }) : new SesClient();
    try {
      console.log(JSON.stringify(await main(ses), null, 2));
    } catch (error) {
      console.error(error);
      process.exitCode = 1;
    } finally {
      await ses.close();
    }
  })();
}
