import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

import { AppError, ERROR_CODES } from '../errors/errors.ts';
import type { ErrorCode, ErrorDetail } from '../errors/errors.ts';

interface ErrorBody {
  code: ErrorCode;
  message: string;
  correlationId: string;
  details?: readonly ErrorDetail[];
}

const FASTIFY_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
};

/** Maps every failure to `{ code, message }`: no stack traces, no input values, no SQL. */
export function toErrorBody(
  error: unknown,
  correlationId: string,
): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    const body: ErrorBody = { code: error.code, message: error.message, correlationId };
    if (error.details.length > 0) {
      body.details = error.details;
    }
    return { status: error.status, body };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((issue) => ({
      path: issue.instancePath.replace(/^\//, '').replaceAll('/', '.'),
      // zod's messages describe the rule (type, length), never the submitted value.
      message: issue.message ?? 'ungültig',
    }));
    return {
      status: 400,
      body: {
        code: 'validation_failed',
        message: ERROR_CODES.validation_failed.message,
        correlationId,
        details,
      },
    };
  }
  const fastifyError = error as Partial<FastifyError>;
  const mapped = fastifyError.code === undefined ? undefined : FASTIFY_CODES[fastifyError.code];
  let code: ErrorCode = mapped ?? 'internal';
  if (mapped === undefined) {
    if (fastifyError.statusCode === 429) {
      code = 'rate_limited';
    } else if (error instanceof SyntaxError) {
      code = 'invalid_json';
    } else if (fastifyError.statusCode === 413) {
      code = 'payload_too_large';
    } else if (fastifyError.statusCode === 415) {
      code = 'unsupported_media_type';
    } else if (fastifyError.statusCode !== undefined && fastifyError.statusCode < 500) {
      code = 'validation_failed';
    }
  }
  return {
    status: ERROR_CODES[code].status,
    body: { code, message: ERROR_CODES[code].message, correlationId },
  };
}

/** What may be logged about an unexpected error: its kind and where, not its message. */
export function describeForLog(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) {
    return { errorType: typeof error };
  }
  const pgCode = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  // The first stack line repeats the message, which may quote input (e.g. a duplicate key).
  const frames = (error.stack ?? '').split('\n').slice(1, 8).join('\n');
  return { errorName: error.name, errorCode: pgCode, frames };
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = toErrorBody(error, request.id);
    if (status >= 500) {
      request.log.error({ code: body.code, ...describeForLog(error) }, 'request failed');
    } else {
      request.log.info({ code: body.code }, 'request rejected');
    }
    return reply.status(status).send(body);
  });
}
