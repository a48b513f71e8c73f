# One image for the API and the worker; the command chooses which.
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV COURTFLOW_SKIP_SETUP=1
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY domain domain
COPY workflows workflows
COPY activities activities
COPY workers workers
COPY api api
COPY db db
COPY papers papers
COPY services services
COPY config config
COPY cli cli
COPY sandbox sandbox
COPY console console
# npm install, not npm ci: the lock lists only the platform builds the project's
# registry serves (see .ci/run), and npm ci refuses a lock without the others.
RUN npm install --no-audit --no-fund && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
# The data dir: documents (uploads and the papers cases issue) live here, on a
# volume the API and the workers share (docker-compose.yml), owned by the app's user.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
CMD ["node", "dist/cli/main.js", "api"]
