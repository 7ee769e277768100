FROM debian:12 AS base
# Inherited by the final stage, so its layers ship.
# want: DKS3004 "apt-get update"
RUN apt-get update && apt-get install -y --no-install-recommends curl

FROM python:3.12 AS build
# A builder stage's cache never reaches the image.
RUN pip install --target /out flask==3.0.3
# ONBUILD triggers run in whatever image builds on this one.
# want: DKS3004 "pip install"
ONBUILD RUN pip install flask==3.0.3

FROM base
COPY --from=build /out /app
# want: DKS3004 "pip install"
RUN <<EOF
set -e
pip install flask==3.0.3
EOF
