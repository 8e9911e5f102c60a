"""A Pipeline's `spec.retry` as Dagster sees it."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from typing import Any

from dagster import Backoff, Jitter, RetryPolicy


def dagster_retry_policy(retry: Mapping[str, Any]) -> RetryPolicy | None:
    """
    The op's RetryPolicy: max_retries = maxAttempts - 1, delay = initialSeconds,
    exponential when multiplier > 1, jitter on request. None for a single attempt.

    Dagster's own exponential curve (delay * (2^n - 1), uncapped) differs from
    floe's, so the op asks for each retry itself with the exact floe delay
    (`retry_delay_seconds`); this policy is what Dagster shows and what covers
    an op that fails without a typed result.
    """
    max_retries = int(retry["maxAttempts"]) - 1
    if max_retries <= 0:
        return None
    backoff = retry["backoff"]
    return RetryPolicy(
        max_retries=max_retries,
        delay=backoff["initialSeconds"],
        backoff=Backoff.EXPONENTIAL if backoff["multiplier"] > 1 else None,
        jitter=Jitter.PLUS_MINUS if backoff["jitter"] else None,
    )


def retry_delay_seconds(retry: Mapping[str, Any], failed_attempt: int, rand: Callable[[], float] = random.random) -> float:
    """
    Seconds to wait after failed attempt `failed_attempt` (1-based), exactly as
    @floe/jobs' retryDelayMs: min(initial * multiplier^(n-1), max), and with
    jitter a random point in its upper half.
    """
    backoff = retry["backoff"]
    seconds = min(backoff["initialSeconds"] * backoff["multiplier"] ** (failed_attempt - 1), backoff["maxSeconds"])
    return seconds / 2 + rand() * (seconds / 2) if backoff["jitter"] else float(seconds)
