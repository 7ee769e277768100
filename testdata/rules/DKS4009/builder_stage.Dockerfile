# A builder stage's sudoers rule does not ship: info.
FROM debian:12 AS build
# want: DKS4009 info "stage the image does not ship"
RUN useradd -m builder && echo 'builder ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/builder
USER builder
RUN make

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /src/app /app
