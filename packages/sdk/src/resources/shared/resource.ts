import type { SesClient } from '../../client.js';

/** Base of every resource: holds the client whose `invoke` carries the wire calls. */
export abstract class Resource {
  constructor(protected readonly client: SesClient) {}
}
