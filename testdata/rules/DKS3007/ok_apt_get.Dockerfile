FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends curl && apt-cache policy curl
RUN echo apt install is what people type
