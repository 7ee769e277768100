FROM golang:1.23 AS build
COPY . /src
RUN cd /src && go build -o /app
FROM gcr.io/distroless/static
COPY --from=build /app /app
COPY config/ /etc/app/
