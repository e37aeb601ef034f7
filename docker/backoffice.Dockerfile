# syntax=docker/dockerfile:1
# Parcours back-office: the Angular build served by nginx, which also forwards /api/, /health/
# and /metrics to the `api` service. Build from the repository root:
#   docker build -f docker/backoffice.Dockerfile -t parcours-backoffice .

# ── build: same dependency step as the API and worker images (one BuildKit cache)
FROM node:24-bookworm AS build
WORKDIR /src
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
RUN npx nx build backoffice --configuration=production \
 && node tools/docker/render-nginx-conf.mjs docker/nginx.conf \
      dist/apps/backoffice/browser/index.html /src/nginx.default.conf

# ── runtime: static files and one nginx configuration
FROM nginx:stable-alpine AS runtime
COPY --from=build /src/nginx.default.conf /etc/nginx/conf.d/default.conf
COPY --from=build /src/dist/apps/backoffice/browser /usr/share/nginx/html
EXPOSE 80
STOPSIGNAL SIGQUIT
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1/"]
