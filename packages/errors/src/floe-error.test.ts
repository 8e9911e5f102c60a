import { describe, expect, it } from 'vitest';
import { FloeError, isFloeError } from './index.js';

class ExampleError extends FloeError {
  constructor() {
    super('EXAMPLE', 'something failed; do this instead', { cause: new Error('root') });
  }
}

describe('FloeError', () => {
  it('keeps its code, the subclass name and the cause', () => {
    const error = new ExampleError();
    expect(error.code).toBe('EXAMPLE');
    expect(error.name).toBe('ExampleError');
    expect((error.cause as Error).message).toBe('root');
    expect(error).toBeInstanceOf(Error);
  });

  it('is recognised by isFloeError, and plain errors are not', () => {
    expect(isFloeError(new ExampleError())).toBe(true);
    expect(isFloeError(new Error('plain'))).toBe(false);
    expect(isFloeError('text')).toBe(false);
  });
});
