# hf-support-bot: build the wheels in one stage, install them into a slim image, run as a non-root
# user. BASE is any Debian-based Python 3.11 image with pip on the PATH (CI passes one it makes
# with debootstrap, as no image registry is reachable there).
ARG BASE=python:3.11-slim

FROM ${BASE} AS build
WORKDIR /src
# The whole build context: the wheel takes exactly what pyproject.toml lists, so nothing it needs
# can be left out here. .dockerignore keeps .env, databases, caches, .git and tests out.
COPY . .
# A pip configuration (index, proxy) may be lent for this step only; it is never stored:
#   podman build --secret id=pip.conf,src=/etc/pip.conf ...
RUN --mount=type=secret,id=pip.conf,target=/etc/pip.conf \
    pip wheel --no-cache-dir --wheel-dir /wheels .

FROM ${BASE}
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    HF_HUB_DISABLE_TELEMETRY=1
# Installed offline from the build stage's wheels, which are mounted, not copied into a layer.
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    pip install --no-cache-dir --no-index --find-links /wheels hf-support-bot \
    && useradd --create-home --uid 10001 bot \
    && mkdir -p /app/data && chown bot:bot /app/data
WORKDIR /app
USER bot
# The case database (data/cases.db, relative to /app) lives here; mount a volume to keep it.
VOLUME ["/app/data"]
# Healthy while the bot is connected: it records a heartbeat in the database every 30 s.
HEALTHCHECK --interval=60s --timeout=10s --start-period=60s --retries=3 \
    CMD ["hf-support-bot", "health"]
# Configuration comes from the environment (docker run --env-file .env ...), never baked in.
CMD ["hf-support-bot", "run"]
