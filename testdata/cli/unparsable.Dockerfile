FROM alpine:3.20
RUN echo ok
FORM alpine
USER root
