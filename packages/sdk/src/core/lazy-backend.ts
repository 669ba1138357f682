import type { Backend, BackendRequest, BackendResponse } from './backend.js';

/**
 * A backend built on first use. The default Tencent Cloud backend pulls in undici; loading it only
 * when a call is made keeps `new SesClient({ backend: local })` and CLI start-up free of it.
 */
export class LazyBackend implements Backend {
  #backend: Promise<Backend> | undefined;

  constructor(
    readonly name: string,
    private readonly load: () => Promise<Backend>,
  ) {}

  async invoke(request: BackendRequest): Promise<BackendResponse> {
    this.#backend ??= this.load();
    return (await this.#backend).invoke(request);
  }

  async close(): Promise<void> {
    if (this.#backend) await (await this.#backend).close?.();
  }
}
