FROM debian:12
# A tag, a commit checked out after the clone (in the same RUN or a
# later one), a ref passed in by an ARG with no default, a fetch of a
# commit: pinned.
RUN git clone -b v9.1.0 --depth 1 https://github.com/vim/vim.git /usr/src/vim
RUN git clone -b ${NGINX_VERSION}-${PKG_RELEASE%%~*} https://github.com/nginx/pkg-oss/
RUN git clone https://github.com/example/app.git /opt/app \
    && cd /opt/app \
    && git checkout 3f2a9c1d5e7b8a0c4d6e8f0a1b2c3d4e5f6a7b8c
RUN git clone https://github.com/example/lib.git /opt/lib
WORKDIR /opt/lib
RUN git reset --hard v2.4.1
ARG TOOL_REF
RUN git clone --branch "$TOOL_REF" https://github.com/example/tool.git /opt/tool
RUN git init /opt/x && cd /opt/x && git remote add origin https://github.com/example/x.git \
    && git fetch --depth 1 origin 3f2a9c1d5e7b8a0c4d6e8f0a1b2c3d4e5f6a7b8c && git checkout FETCH_HEAD
# Not a clone.
RUN git config --global advice.detachedHead false
