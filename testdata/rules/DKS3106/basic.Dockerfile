FROM debian:12
# want: DKS3106 "ln replaces /bin/sh"
RUN ln -sfv /bin/bash /bin/sh
