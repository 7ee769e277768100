FROM golang:1.23 AS build
RUN go build -o /out/app .
FROM scratch
COPY --from=build /out/app /app
COPY --from=build / /rootfs
COPY / /
FROM tonistiigi/xx AS xx
FROM golang:1.23 AS build2
# a builder stage may assemble a toolchain this way; its layers never ship
COPY --from=xx / /
RUN go build -o /out/app .
FROM scratch
COPY --from=build2 /out/app /app
