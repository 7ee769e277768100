FROM debian:12
ARG HOME=/home/app
ARG LANGUAGE=en_US.UTF-8
# HOME and LANGUAGE re-export the ARGs: the later references see the same values.
ENV HOME=${HOME} \
    SEL_DOWNLOAD_DIR=${HOME}/Downloads \
    LANGUAGE=$LANGUAGE \
    LANG=${LANGUAGE}
