FROM node:22 AS web
# want: DKS1014 "copies from the stage it is in"
COPY --from=web /app/dist /srv
