import { describe, expect, it } from 'vitest';
import { FloeError, isFloeError, isRetryableCategory } from './index.js';

class ExampleError extends FloeError {
  constructor() {
    super('EXAMPLE', 'something failed; do this instead', { cause: new Error('root') });
  }
}

class OutageError extends FloeError {
  constructor() {
    super('OUTAGE', 'the service is down; try again later', { category: 'unavailable' });
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

  it('is invalid input unless the subclass names another category', () => {
    expect(new ExampleError().category).toBe('invalid-input');
    expect(new OutageError().category).toBe('unavailable');
    expect('cause' in new OutageError()).toBe(false);
  });

  it('is recognised by isFloeError, and plain errors are not', () => {
    expect(isFloeError(new ExampleError())).toBe(true);
    expect(isFloeError(new Error('plain'))).toBe(false);
    expect(isFloeError('text')).toBe(false);
  });
});

describe('isRetryableCategory', () => {
  it('retries only what may pass unchanged later: an unavailable cluster', () => {
    expect(isRetryableCategory('unavailable')).toBe(true);
    for (const category of ['invalid-input', 'not-ready', 'permission-denied'] as const) expect(isRetryableCategory(category)).toBe(false);
  });
});
