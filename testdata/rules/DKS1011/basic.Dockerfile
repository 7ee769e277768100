FROM golang:1.23 AS build
RUN go build ./...
# want: DKS1011 "Duplicate stage name \"build\""
FROM node:22 AS Build
RUN npm ci
FROM alpine:3.20
