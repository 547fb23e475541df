// RFC 9457 problem details, as every API error is sent and as the web client reads them.
export interface FieldError {
  /** Path of the field in snake_case, dotted for nested fields ("address.commune_code"). */
  field: string;
  message: string;
  code: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Stable domain error code (see server/http/errors.ts). */
  code: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = "application/problem+json";
