FROM opensuse/leap:15.6
# want: DKS3002 "zypper dist-upgrade"
RUN zypper -n dist-upgrade
# want: DKS3002 "zypper dup"
RUN zypper dup
# want: DKS3002 "yum update"
RUN yum update -y && yum clean all
# want: DKS3002 "apt-get upgrade"
ONBUILD RUN apt-get update && apt-get -y upgrade
# want: DKS3002 "microdnf upgrade"
RUN ["microdnf", "upgrade", "-y"]
