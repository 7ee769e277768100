# want: DKS2001 "has no tag"
FROM ubuntu
# want: DKS2001 "latest"
FROM node:latest AS web
# want: DKS2001
FROM registry.example.com:5000/team/app
FROM ubuntu:24.04
FROM web
FROM scratch
