# hf-support-bot: build a wheel, install it into a slim image, run as a non-root user.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY cogs ./cogs
COPY data/knowledge.toml ./data/knowledge.toml
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    HF_HUB_DISABLE_TELEMETRY=1
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels \
    && useradd --create-home --uid 10001 bot \
    && mkdir -p /app/data && chown bot:bot /app/data
WORKDIR /app
USER bot
# The case database (data/cases.db) lives here; mount a volume to keep it.
VOLUME ["/app/data"]
# Healthy while the bot is connected: it records a heartbeat in the database every 30 s.
HEALTHCHECK --interval=60s --timeout=10s --start-period=60s --retries=3 \
    CMD ["hf-support-bot", "health"]
# Configuration comes from the environment (docker run --env-file .env ...), never baked in.
CMD ["hf-support-bot", "run"]
