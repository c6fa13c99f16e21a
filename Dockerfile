# One image for both processes of Cunwu Flow: the API (default) and the Temporal worker
# (`npm run worker`). There is no build step: the app runs its TypeScript through tsx.
# See docs/production.md and docker-compose.yml.
#
# The base image is Node 24 LTS by default; another Node >= 20.19 is one build argument away (e.g.
# `docker build --build-arg NODE_IMAGE=node:26-trixie-slim .`): `npm ci` accepts the lockfile with the
# npm each image ships (npm 10 on node:20/22, npm 11 on node:24/26; test/install/lockfile.test.ts).
ARG NODE_IMAGE=node:24-bookworm-slim

# ---- deps: install the production dependencies and generate the Prisma clients ----
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# Production talks to a real Temporal server, so the postinstall must not fetch the Temporal
# CLI from PyPI: with TEMPORAL_CLI set it finds a "CLI" and skips the install (schemathesis, a
# test tool, is skipped too: this image has no Python). This variable
# lives in this stage only and does not reach the runtime image.
ENV TEMPORAL_CLI=/bin/true \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
# The postinstall (node scripts/postinstall.js) needs scripts/ and prisma/ to generate the
# Prisma clients, so they come in before `npm ci`; prisma.config.ts is optional.
COPY package.json package-lock.json prisma.config.ts* ./
COPY scripts/ ./scripts/
COPY prisma/ ./prisma/
RUN npm ci --omit=dev && npm cache clean --force

# ---- runtime ----
FROM ${NODE_IMAGE}
# In a container the API listens on every interface (a development machine's default is loopback).
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false
WORKDIR /app
# Dependencies and generated clients from the deps stage, then the sources (.dockerignore keeps
# node_modules/, generated/ and .tools/ of the build context out). Files stay owned by root and
# read-only for the app, which runs as the unprivileged `node` user (tsx caches in /tmp).
COPY --from=deps /app ./
COPY . .
USER node
EXPOSE 3000
CMD ["npm", "run", "api"]
