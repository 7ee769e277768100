# want: DKS1001 "Stage name 'BuildStage' should be lowercase"
FROM golang:1.23 AS BuildStage
RUN go version
FROM alpine:3.20
