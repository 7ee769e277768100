# bases: {"Default": "linux/amd64", "Configs": {"registry.example.com/amd64-only:1 linux/arm64": {"os": "linux", "architecture": "amd64"}, "registry.example.com/arm-only:1 linux/amd64": {"os": "linux", "architecture": "arm64", "variant": "v8"}, "registry.example.com/arm-only:1 linux/arm64": {"os": "linux", "architecture": "arm64", "variant": "v8"}, "registry.example.com/win:1 linux/amd64": {"os": "windows", "architecture": "amd64", "os.version": "10.0.20348.2340"}, "registry.example.com/multi:1 linux/amd64": {"os": "linux", "architecture": "amd64"}}}
ARG BASE=registry.example.com/arm-only:1
# A constant --platform the base has no image for.
# want: DKS1035 "^Base image registry.example.com/amd64-only:1 was pulled with platform \"linux/amd64\", expected \"linux/arm64\" for current build$"
FROM --platform=linux/arm64 registry.example.com/amd64-only:1 AS tools-arm64
RUN make

# The build's own platform (linux/amd64), the reference through an ARG.
# want: DKS1035 "platform \"linux/arm64\", expected \"linux/amd64\""
FROM ${BASE} AS arm
RUN make

# The same image asked for arm64: it matches (the v8 variant is arm64's default).
FROM --platform=linux/arm64 registry.example.com/arm-only:1 AS arm-native
RUN make

# want: DKS1035 "platform \"windows\(10.0.20348.2340\)/amd64\", expected \"linux/amd64\""
FROM registry.example.com/win:1 AS win

# A stage nothing needs is not built, so BuildKit does not check it.
FROM registry.example.com/amd64-only:1 AS unused
RUN true

FROM registry.example.com/multi:1
COPY --from=tools-arm64 /out /out
COPY --from=arm /out /out2
COPY --from=arm-native /out /out3
RUN --mount=from=win,target=/w true
