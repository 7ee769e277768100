# Alpine's /bin/sh is busybox ash, which has these extensions.
FROM alpine:3.20 AS ash
RUN set -o pipefail && wget -qO- https://example.com/x | tar -x
RUN source /etc/os-release && echo -e "$ID\n" && [[ -n "$ID" ]] && f() { local v="${ID/a/b}"; echo "$v"; } && f

# /bin/sh is bash on the Red Hat family.
FROM centos:7 AS rhel
RUN for i in {1..3}; do [ "$i" == 2 ] && printf '%q\n' "$i"; done

# Debian's /bin/sh is dash, which has local; /bin/echo is coreutils' echo.
FROM debian:12 AS dash
RUN f() { local v=1; echo "$v"; } && f && /bin/echo -e "a\tb"
RUN chmod =2775 /opt

# cd cannot fail silently under errexit.
FROM debian:12 AS errexit
SHELL ["/bin/bash", "-eux", "-o", "pipefail", "-c"]
RUN cd /tmp && ls

# Windows runs RUN with cmd: no POSIX shell to check.
FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS windows
RUN mkdir C:\tmp && setx /M PATH "C:\bin;%PATH%"

# A line continuation at the end of the file is dropped by the builder.
FROM debian:12
RUN echo finished \
