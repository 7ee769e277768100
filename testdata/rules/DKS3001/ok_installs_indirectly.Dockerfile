FROM eclipse-temurin:21-jre-jammy
# The package list comes from a file through xargs.
RUN set -eux; \
	apt-get update; \
	xargs -rt apt-get install -y --no-install-recommends < "$TOMCAT_NATIVE_LIBDIR/.dependencies.txt"; \
	rm -rf /var/lib/apt/lists/*
RUN apt-get update && xargs -n 1 -I {} apt-get install -y {} < deps.txt
# tonistiigi/xx's apt-get wrapper for cross-compiling.
RUN apt-get update && xx-apt-get install -y --no-install-recommends gcc libc6-dev
# A setup script run after the refresh installs with it.
RUN apk update && ash /tmp/library-scripts/common-alpine.sh "${INSTALL_ZSH}" "${USERNAME}" \
    && rm -rf /tmp/library-scripts
RUN apt-get update && ./install-deps.sh
