FROM registry.access.redhat.com/ubi9/ubi:9.4
# OpenShift's convention: the arbitrary UID's primary group is root.
RUN useradd -u 1001 -r -g 0 -d /opt/app -s /sbin/nologin app
# moby/moby: the docker group is created, no one joins it.
RUN groupadd -r docker && addgroup --system app
# adm reads logs; video, audio and a group of the app's own grant nothing.
RUN usermod -aG adm,video,audio app && gpasswd -a app app-data && adduser app www-data
# Alpine: the user's primary group is its own.
RUN adduser -D -u 1000 -G app app
# A removal is not a grant.
RUN gpasswd -d app sudo
USER 1001
