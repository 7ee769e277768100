FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN apt-get update \
 && apt-get install -y --no-install-recommends jq \
 && apt-get clean \
 && rm -rf /var/lib/apt/lists
RUN apk add --no-cache bash && apk --no-cache upgrade
RUN apk update && apk add curl && rm -rf /var/cache/apk/*
RUN yum install -y bash && yum clean all
RUN dnf -y install zsh && dnf clean all && microdnf install -y zsh && rm -rf /var/cache/yum/*
RUN zypper -n install bash && zypper clean --all
RUN zypper -n install zsh && zypper cc
RUN pip install --no-cache-dir flask==3.0.3 && PIP_NO_CACHE_DIR=1 pip install six
RUN export PIP_NO_CACHE_DIR=true && pip install six && pip install flask && pip cache purge
RUN pip install flask && rm -rf ~/.cache
RUN pipx install poetry && pipenv install
RUN yarn install && yarn cache clean
RUN npm ci && npm cache clean --force
RUN apt-get install -y --no-install-recommends ./local.deb
