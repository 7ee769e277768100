FROM alpine:3.20
# want: DKS1015 "Multiple ENTRYPOINT instructions"
ENTRYPOINT ["/app"]
# want: DKS1015 "Multiple CMD instructions"
CMD ["--debug"]
HEALTHCHECK NONE
ENTRYPOINT ["/app2"]
CMD ["--quiet"]
