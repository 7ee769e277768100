FROM debian:12
RUN apt-get install -yq python3 && apt-get -y install jq && apt-get --yes install a && apt-get --assume-yes install b
RUN apt-get install -qq python3 && apt-get install -q -q jq && apt-get install -q=2 a && apt-get install --quiet --quiet b
RUN apt-get -fmy install apt-utils && apt-get -o APT::Get::Assume-Yes=true install c
RUN yes | apt-get install d
RUN yum install -y httpd-2.4.24 && yum clean all && dnf -y install x && microdnf --assumeyes install y
RUN zypper -n install a && zypper --non-interactive in b && zypper install -y c && zypper in --no-confirm d
RUN apt-get install -s curl && apt-get update && yum makecache && yum clean all && apk add --no-cache curl
RUN notdnf install httpd
