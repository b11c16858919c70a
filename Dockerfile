# syntax=docker/dockerfile:1
# Agent Studio: deps → build → runtime. The runtime stage holds only .next/standalone (server,
# traced production modules, agents, MCP servers, migrations), runs as the unprivileged `node` user
# and starts with `node start.mjs`: migrate, then serve (see docs/DEPLOY.md).
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# What `npm ci` needs, including its postinstall (prisma generate reads the schema and config).
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY lib/db/adapter.ts ./lib/db/adapter.ts
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npm run build
# Server source maps stay out of the image unless asked for: --build-arg SOURCE_MAPS=true
ARG SOURCE_MAPS=false
RUN if [ "$SOURCE_MAPS" != "true" ]; then find .next/standalone -name '*.map' -delete; fi

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0
COPY --from=build --chown=node:node /app/.next/standalone ./
USER node
EXPOSE 3000
# 503 while the database is unreachable or while draining on shutdown; 200 when only Redis is down.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# exec form: SIGTERM reaches Node, which drains runs for SHUTDOWN_GRACE_S before exiting.
CMD ["node", "start.mjs"]
