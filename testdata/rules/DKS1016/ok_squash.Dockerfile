# A stage that only names an image: copying it whole is deliberate.
FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.6.1 AS xx
FROM alpine:3.20 AS content
COPY --from=xx / /
RUN apk add --no-cache tini
# An image copied whole brings no build leftovers.
COPY --from=gloursdocker/docker / /
# The squash idiom: the image is the content stage, flattened.
FROM scratch
COPY --from=content / /
ENTRYPOINT ["/sbin/tini", "--"]
