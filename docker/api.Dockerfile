# syntax=docker/dockerfile:1
# Parcours API. Build from the repository root:
#   docker build -f docker/api.Dockerfile -t parcours-api .
# The dependency steps (both `npm ci`) are the same in all three Dockerfiles: BuildKit caches them once.

# ── build: the whole workspace, Nx builds the webpack bundle dist/apps/api/main.js
FROM node:24-bookworm AS build
WORKDIR /src
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
RUN npx nx build api --configuration=production

# ── production dependencies: the lockfile CI tested, without devDependencies; installed on the
#    full image (compilers at hand for native modules) and copied into the slim one below
FROM node:24-bookworm AS production-dependencies
WORKDIR /src
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

# ── runtime: Node 24 on the same Debian as the stages above, the bundle and its dependencies
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=3000
WORKDIR /app
# Owned by root and run as `node`: the process cannot rewrite its own code.
COPY --from=production-dependencies /src/node_modules ./node_modules
COPY --from=build /src/dist/apps/api ./
USER node
EXPOSE 3000
# Nest closes the HTTP server and its connections on SIGTERM.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "main.js"]
