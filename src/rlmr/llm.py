"""One OpenAI-compatible chat client for everything in rlmr that asks an LLM.

Shared by the LLM-judge writing scorer, the soft-constraint verifier and pairwise evaluation,
so that all of them get the same behaviour under load and failure:

- a concurrency limit (an `asyncio.Semaphore`; vLLM, SGLang and hosted APIs all throttle);
- a timeout per attempt, covering the whole request, so a server that stalls costs at most
  `timeout` seconds per attempt;
- retries with exponential backoff and jitter on timeouts, connection errors, 429 and 5xx;
  other 4xx and unparseable bodies are not retried (they will not get better);
- an on-disk sqlite cache of successful replies keyed by (model, sampling settings, the
  caller's key, e.g. prompt + response + rubric), so a rerun or a repeated sample costs nothing;
- the API key only from an environment variable (`RLMR_API_KEY`, then `OPENAI_API_KEY`, or a
  name you choose). It is sent in the `Authorization` header and never logged, cached or shown
  in `repr`;
- a failed request gives None, never an exception; each batch logs one line with the count of
  failures by reason (`stats` holds the same numbers).

Async inside (httpx); `chat` is the sync wrapper and also works when an event loop is running.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import hashlib
import json
import logging
import os
import random
import sqlite3
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import httpx

log = logging.getLogger("rlmr.llm")

DEFAULT_KEY_ENVS = ("RLMR_API_KEY", "OPENAI_API_KEY")
RETRY_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class ChatRequest:
    """One chat completion to ask for.

    `cache_key` names what the answer depends on (e.g. `("pointwise", rubric, prompt, response)`);
    when None the messages themselves are the key. Give it when the messages hold something
    random (a fencing nonce) that must not defeat the cache.
    """

    messages: tuple[dict[str, str], ...]
    cache_key: tuple[str, ...] | None = None


@dataclass
class ClientStats:
    """Counts for the last `chat` call: sent (HTTP attempts), cached, failed (by reason), retried."""

    requests: int = 0
    sent: int = 0
    cached: int = 0
    retried: int = 0
    failed: Counter = field(default_factory=Counter)

    @property
    def n_failed(self) -> int:
        return sum(self.failed.values())


class _Failure(Exception):
    def __init__(self, reason: str, retry: bool):
        super().__init__(reason)
        self.reason, self.retry = reason, retry


class ReplyCache:
    """Replies in a sqlite file: key (sha256 hex) -> reply text. Safe across threads and processes."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        with self._connect() as db:
            db.execute("CREATE TABLE IF NOT EXISTS replies (key TEXT PRIMARY KEY, model TEXT, reply TEXT, created REAL)")

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30)

    def get(self, key: str) -> str | None:
        with self._lock, self._connect() as db:
            row = db.execute("SELECT reply FROM replies WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def put(self, key: str, model: str, reply: str) -> None:
        with self._lock, self._connect() as db:
            db.execute("INSERT OR REPLACE INTO replies VALUES (?, ?, ?, ?)", (key, model, reply, time.time()))


class LLMClient:
    """Chat completions from an OpenAI-compatible server (`base_url` ends in `/v1`)."""

    def __init__(
        self,
        base_url: str,
        model: str,
        *,
        api_key_env: str | Sequence[str] = DEFAULT_KEY_ENVS,
        concurrency: int = 8,
        timeout: float = 60.0,
        retries: int = 2,
        backoff: float = 0.5,
        max_backoff: float = 8.0,
        temperature: float = 0.0,
        max_tokens: int = 256,
        cache: str | os.PathLike | None = None,
    ):
        if concurrency < 1 or retries < 0 or timeout <= 0:
            raise ValueError(f"llm: need concurrency >= 1, retries >= 0, timeout > 0; got {concurrency}, {retries}, {timeout}")
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model = model
        self.concurrency, self.timeout, self.retries = concurrency, timeout, retries
        self.backoff, self.max_backoff = backoff, max_backoff
        self.temperature, self.max_tokens = temperature, max_tokens
        self.cache = ReplyCache(cache) if cache else None
        envs = (api_key_env,) if isinstance(api_key_env, str) else tuple(api_key_env)
        self._api_key = next((os.environ[e] for e in envs if os.environ.get(e)), None)
        self.stats = ClientStats()

    def __repr__(self) -> str:
        key = "set" if self._api_key else "none"
        return f"LLMClient(url={self.url!r}, model={self.model!r}, concurrency={self.concurrency}, api_key={key})"

    def cache_key(self, request: ChatRequest) -> str:
        ident = request.cache_key if request.cache_key is not None else request.messages
        blob = json.dumps([self.model, self.temperature, self.max_tokens, ident], ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()

    def chat(self, requests: Sequence[ChatRequest]) -> list[str | None]:
        """Replies in order; None where the request failed after retries. Blocking."""
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return asyncio.run(self.achat(requests))
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:  # inside a running loop
            return pool.submit(asyncio.run, self.achat(requests)).result()

    async def achat(self, requests: Sequence[ChatRequest]) -> list[str | None]:
        stats = ClientStats(requests=len(requests))
        self.stats = stats
        out: list[str | None] = [None] * len(requests)
        todo: list[int] = []
        for i, req in enumerate(requests):
            hit = self.cache.get(self.cache_key(req)) if self.cache else None
            if hit is not None:
                out[i] = hit
                stats.cached += 1
            else:
                todo.append(i)
        if todo:
            gate = asyncio.Semaphore(self.concurrency)
            limits = httpx.Limits(max_connections=self.concurrency, max_keepalive_connections=self.concurrency)
            async with httpx.AsyncClient(limits=limits, timeout=self.timeout, headers=self._headers()) as http:
                replies = await asyncio.gather(*(self._one(http, gate, requests[i], stats) for i in todo))
            for i, reply in zip(todo, replies):
                out[i] = reply
                if reply is not None and self.cache:
                    self.cache.put(self.cache_key(requests[i]), self.model, reply)
        if stats.n_failed:
            reasons = ", ".join(f"{k}: {v}" for k, v in sorted(stats.failed.items()))
            log.warning("llm %s: %d/%d requests failed (%s)", self.model, stats.n_failed, len(requests), reasons)
        return out

    def _headers(self) -> dict[str, str]:
        headers = {"Content-Type": "application/json"}
        if self._api_key:
            headers["Authorization"] = f"Bearer {self._api_key}"
        return headers

    async def _one(self, http: httpx.AsyncClient, gate: asyncio.Semaphore, req: ChatRequest, stats: ClientStats) -> str | None:
        body = {"model": self.model, "messages": list(req.messages), "temperature": self.temperature, "max_tokens": self.max_tokens}
        for attempt in range(self.retries + 1):
            try:
                async with gate:
                    stats.sent += 1
                    return await asyncio.wait_for(self._post(http, body), timeout=self.timeout)
            except (asyncio.TimeoutError, httpx.TimeoutException):
                failure = _Failure("timeout", retry=True)
            except httpx.TransportError as err:
                failure = _Failure(f"connection ({type(err).__name__})", retry=True)
            except _Failure as err:
                failure = err
            if not failure.retry or attempt == self.retries:
                stats.failed[failure.reason] += 1
                return None
            stats.retried += 1
            delay = min(self.max_backoff, self.backoff * 2**attempt)
            await asyncio.sleep(delay * (0.5 + random.random() / 2))
        return None  # pragma: no cover - the loop always returns

    async def _post(self, http: httpx.AsyncClient, body: dict[str, Any]) -> str:
        response = await http.post(self.url, json=body)
        if response.status_code != 200:
            raise _Failure(f"http {response.status_code}", retry=response.status_code in RETRY_STATUS)
        try:
            content = response.json()["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError):
            raise _Failure("malformed reply", retry=False) from None
        if not isinstance(content, str):
            raise _Failure("malformed reply", retry=False)
        return content
