FROM golang:1.23 AS build
# A builder stage's clone ships no layers: not judged here.
RUN git clone https://github.com/example/tool.git /src/tool && cd /src/tool && go build -o /tool .
FROM debian:12
# A shipped stage cloning a moving branch: info.
# want: DKS2003 info "git clone of https://github.com/ohmyzsh/ohmyzsh.git follows the default branch"
RUN git clone --depth=1 https://github.com/ohmyzsh/ohmyzsh.git /root/.oh-my-zsh
# want: DKS2003 info "follows the branch master"
RUN git clone -b master --single-branch https://github.com/vim/vim.git /usr/src/vim \
    && cd /usr/src/vim && make && make install
ARG BRANCH=main
# want: DKS2003 info "follows the branch main"
RUN git clone --branch "${BRANCH}" https://gitlab.com/example/app.git /app
# A checkout of another moving ref does not pin it.
# want: DKS2003 info "follows the default branch"
RUN git clone https://github.com/example/app.git /opt/app && git -C /opt/app checkout develop
# Credentials in the URL are not echoed.
# want: DKS2003 info "\*\*\*@github.com"
RUN git clone https://user:token@github.com/example/private.git /opt/private
