FROM debian:12 AS build
# A builder stage's extra packages never ship.
RUN apt-get update && apt-get install -y build-essential

FROM debian:12
RUN apt-get install -y --no-install-recommends python3 && apt-get --no-install-recommends install -fmy jq
RUN apt-get -o APT::Install-Recommends=false install -y a && apt-get install -y -o APT::Install-Recommends=0 b
RUN DEBIAN_FRONTEND=noninteractive apt-get install -y tzdata --no-install-recommends
RUN echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/99norecommends
RUN apt-get install -y curl
