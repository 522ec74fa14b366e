# One image recipe for every app, built per app with Nx (ADR 0022):
#   docker build --build-arg APP=services/transportation -t district/transportation .
#   docker build --build-arg APP=gateway -t district/gateway .
#   docker build --build-arg APP=tools/provision -t district/provision .     (applies deploy/nats/jetstream)
# The app runs as `node dist/main.js`; `node dist/main.js --migrate` migrates its database and exits (the
# migration Job). Enrollment's image also carries the demo seeder: node dist/services/enrollment/src/seed/seed.main.js
# CI builds only what changed: `npx nx affected -t build`, then this file for each affected app.

ARG NODE_IMAGE=node:20-bookworm-slim

# 1. compile the app and the libraries it uses (swc, through the app's Nx `build` target)
FROM ${NODE_IMAGE} AS build
ARG APP
RUN test -n "${APP}" || (echo 'build arg APP is required, e.g. --build-arg APP=services/transportation' >&2; exit 1)
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN NX_DAEMON=false npx nx run "$(basename "${APP}")":build --skip-nx-cache

# 2. production dependencies only
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. the runtime: compiled app + production dependencies, owned by root, run by the unprivileged `node` user
FROM ${NODE_IMAGE} AS runtime
ARG APP
ARG PORT=3000
# NODE_ENV=production makes the apps refuse the development JWT secret: set JWT_SECRET (or JWT_PUBLIC_KEY).
ENV NODE_ENV=production \
    PORT=${PORT}
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY --from=build /src/dist/${APP}/ ./dist/
# numeric uid (the image's `node` user) so Kubernetes can check runAsNonRoot
USER 1000:1000
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# exec form: node is PID 1 and receives SIGTERM, then drains and exits (SHUTDOWN_GRACE_MS)
CMD ["node", "dist/main.js"]
