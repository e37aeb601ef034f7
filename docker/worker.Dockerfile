# syntax=docker/dockerfile:1
# Parcours worker (BullMQ processors). Build from the repository root:
#   docker build -f docker/worker.Dockerfile -t parcours-worker .
# The dependency steps (both `npm ci`) are the same in all three Dockerfiles: BuildKit caches them once.

# ── build: the whole workspace, Nx builds the webpack bundle dist/apps/worker/main.js
FROM node:24-bookworm AS build
WORKDIR /src
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
RUN npx nx build worker --configuration=production

# ── production dependencies: the lockfile CI tested, without devDependencies; installed on the
#    full image (compilers at hand for native modules) and copied into the slim one below
FROM node:24-bookworm AS production-dependencies
WORKDIR /src
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

# ── runtime: Node 24 on the same Debian as the stages above, the bundle and its dependencies
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Owned by root and run as `node`: the process cannot rewrite its own code.
COPY --from=production-dependencies /src/node_modules ./node_modules
COPY --from=build /src/dist/apps/worker ./
USER node
# On SIGTERM the worker stops taking jobs and lets running ones finish (worker.close()): give it
# the time with `docker stop -t` / compose's stop_grace_period.
STOPSIGNAL SIGTERM
# No HTTP port: the worker is healthy when it runs; stalled jobs are taken over by other workers.
HEALTHCHECK NONE
CMD ["node", "main.js"]
