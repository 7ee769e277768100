FROM debian:12
ARG lower_arg=1
ENV lower_env=2
# want: DKS3900 "SC2086 \(info\): Double quote"
RUN echo $HOME
# want: DKS3900 "SC2164"
RUN apt-get update \
 ; cd /tmp \
 ; echo finished
# want: DKS3900 warning "SC3046 \(error\): In dash"
RUN source /etc/os-release
# want: DKS3900 "SC2154.*undeclared_var"
RUN echo "$undeclared_var"
# A variable like a declared one is probably misspelt.
# want: DKS3900 "SC2153"
RUN echo "$RTTP_PROXY"
# want: DKS3900 "SC2154"
RUN <<EOF
set -e
echo "$another_undeclared"
EOF
# ONBUILD triggers run in another build: the ARG is gone there.
# want: DKS3900 "SC2154.*lower_arg"
ONBUILD RUN echo "$lower_arg"

FROM debian:12
# Meta and other stages' ARGs do not reach this stage.
# want: DKS3900 "SC2154.*lower_arg"
RUN echo "$lower_arg"
