# The release comes from a build argument's default, which CI may override
# (a version matrix): info. A literal tag part next to it is certain.
ARG NODE_VERSION=14
# want: DKS2009 info "node:14-alpine .*Node\.js 14 .*build argument's default"
FROM node:${NODE_VERSION}-alpine
CMD ["node", "server.js"]
