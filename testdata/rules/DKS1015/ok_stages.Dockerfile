FROM alpine:3.20 AS base
ENTRYPOINT ["/app"]
CMD ["--debug"]
FROM base
ENTRYPOINT ["/app2"]
CMD ["--quiet"]
ONBUILD CMD ["--child"]
