FROM alpine:3.22
RUN echo ok
FORM alpine
USER root
