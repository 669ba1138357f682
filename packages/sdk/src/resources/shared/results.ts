/** Result of a call that answers nothing but the id of its request (updates, deletes). */
export interface RequestIdResult {
  readonly requestId: string;
}
