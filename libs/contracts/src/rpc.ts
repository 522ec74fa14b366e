/**
 * Errors travel back over request/reply as this shape, so the caller can tell
 * "not found" (a 4xx it should pass on) from a failure of the department.
 */
export interface RpcErrorPayload {
  status: number;
  title: string;
  detail?: string;
}

export function isRpcErrorPayload(value: unknown): value is RpcErrorPayload {
  return typeof value === 'object' && value !== null && typeof (value as RpcErrorPayload).status === 'number' && typeof (value as RpcErrorPayload).title === 'string';
}
