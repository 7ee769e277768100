# The release comes from a build argument's default: what docker build
# builds unless told otherwise, so judged like a literal tag; the message
# says where it comes from.
ARG NODE_VERSION=14
# want: DKS2009 warning "node:14-alpine .*Node\.js 14 .*build argument's default"
FROM node:${NODE_VERSION}-alpine
CMD ["node", "server.js"]
