# One image recipe for every app. Build one app per image:
#   docker build --build-arg APP=services/enrollment --build-arg PORT=3001 -t district/enrollment .
#   docker build --build-arg APP=services/transportation --build-arg PORT=3002 -t district/transportation .
#   docker build --build-arg APP=gateway --build-arg PORT=3000 -t district/gateway .
#   the demo seed runs from the enrollment image: node -r ./tools/register.js services/enrollment/src/seed/seed.main.ts
# Sources run as TypeScript through tools/register.js (swc), the same way `npm start` runs them: no build step.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# @swc-node/register and @swc/core are production dependencies: the runtime compiles TypeScript on load.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ARG APP
ARG PORT=3000
RUN test -n "${APP}" || (echo 'build arg APP is required, e.g. --build-arg APP=services/enrollment' >&2; exit 1)
# NODE_ENV=production makes the apps refuse the development JWT secret: set JWT_SECRET (or JWT_PUBLIC_KEY).
ENV NODE_ENV=production \
    APP=${APP} \
    PORT=${PORT}
WORKDIR /app
# Everything stays owned by root and read-only for the `node` user that runs the app.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.base.json ./
COPY tools/register.js ./tools/register.js
COPY libs/ ./libs/
COPY ${APP}/ ./${APP}/
USER node
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Runs `node -r ./tools/register.js $APP/src/main.ts`; sh substitutes $APP, and exec makes node PID 1 so it
# receives SIGTERM and shuts down gracefully.
CMD ["sh", "-c", "exec node -r ./tools/register.js \"$APP/src/main.ts\""]
