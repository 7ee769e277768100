FROM debian:12
# jupyter/docker-stacks takes the group rules out of sudoers.
RUN sed -i.bak -e 's/^%admin/#%admin/' /etc/sudoers && sed -i.bak -e 's/^%sudo/#%sudo/' /etc/sudoers
# CentOS-Dockerfiles: no requiretty, no NOPASSWD.
RUN sed -i 's/.*requiretty$/#Defaults requiretty/' /etc/sudoers
# Removing NOPASSWD is the fix; sed only matches it here.
RUN sed -i 's/NOPASSWD: ALL/ALL/' /etc/sudoers
# A commented-out example, and a rule that asks for the password.
RUN echo '# app ALL=(ALL) NOPASSWD: ALL' >> /etc/sudoers.d/app && echo 'app ALL=(ALL) ALL' >> /etc/sudoers.d/app
# Written somewhere else than sudoers.
RUN echo 'app ALL=(ALL) NOPASSWD: ALL' > /tmp/sudoers.example
COPY context/sudoers.d/wheel /etc/sudoers.d/wheel
# Not in the context: nothing known about it.
COPY missing/sudoers /etc/sudoers.d/missing
USER app
