ARG BASE=alpine:3.20
# want: DKS1008 "LABEL comes before the first FROM"
LABEL org.opencontainers.image.title=app
RUN echo not reported twice
FROM ${BASE}
