import { z } from 'zod';

/**
 * An object schema that refuses fields it does not know, naming them and the fields it takes: a typo such as
 * `propertes` or `settigns` is a 400 that says so, rather than data silently dropped. (Free-form JSON such as
 * `properties`, `traits` or a node's `data` is a record inside, and takes any key.)
 */
export function onlyFields<Shape extends z.ZodRawShape>(shape: Shape, takes = Object.keys(shape).join(', ')) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}: expected only ${takes}`
        : undefined,
  });
}
