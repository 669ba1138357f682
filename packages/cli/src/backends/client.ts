// The SDK client alone, loaded when a command first calls the backend.
export { SesClient } from '@ses-cli/sdk';
